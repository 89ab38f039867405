import { describe, expect, it } from 'vitest';
import { closingLineDate, printedDate } from './closing-date.ts';

describe('the date a closing line gives', () => {
  it('reads the ways statements and resolutions print it', () => {
    expect(closingLineDate('Adopted in Vientiane, Lao PDR, on 9 October 2024.')).toBe('2024-10-09');
    expect(closingLineDate('45th plenary meeting 4 December 2024')).toBe('2024-12-04');
    expect(closingLineDate('Done at Jakarta, this 21st day of November 2023.')).toBe('2023-11-21');
    expect(closingLineDate('Signed in Washington, D.C., on November 3, 2022.')).toBe('2022-11-03');
    expect(closingLineDate('Issued on 2025-02-28')).toBe('2025-02-28');
  });

  it('gives nothing when there is no date, or no such day', () => {
    expect(closingLineDate('Adopted in Kuala Lumpur, Malaysia.')).toBeNull();
    expect(closingLineDate('Adopted on 31 February 2024.')).toBeNull();
    expect(closingLineDate('The 45th meeting')).toBeNull();
  });

  it('prints a date as the closing line would', () => {
    expect(printedDate('2024-12-04')).toBe('4 December 2024');
  });
});
