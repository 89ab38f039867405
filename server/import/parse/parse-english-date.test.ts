import { describe, expect, it } from 'vitest';
import { findDate, parseDate } from './parse-english-date.ts';

describe('parseDate', () => {
  it('reads a day, month and year', () => {
    expect(parseDate('1 November 2025')).toBe('2025-11-01');
  });

  it('reads the American order with a comma', () => {
    expect(parseDate('November 1, 2025')).toBe('2025-11-01');
  });

  it('reads ordinal suffixes and an abbreviated month', () => {
    expect(parseDate('21st Sept. 2024')).toBe('2024-09-21');
  });

  it('reads an ISO date', () => {
    expect(parseDate('2025-11-01')).toBe('2025-11-01');
  });

  it('reads a date written in words, as an adoption line has it', () => {
    expect(parseDate('on the First Day of November in the Year Two Thousand and Twenty-Five')).toBe('2025-11-01');
  });

  it('reads compound ordinal days and years without "and"', () => {
    expect(parseDate('this twenty-eighth day of October, two thousand twenty-four')).toBe('2024-10-28');
  });

  it('reads a numeric day with "day of"', () => {
    expect(parseDate('this 8th day of May, 2025')).toBe('2025-05-08');
  });

  it('reads a range as its first day', () => {
    expect(parseDate('18th – 21st September 2024')).toBe('2024-09-18');
    expect(parseDate('17-20 June 2025')).toBe('2025-06-17');
    expect(parseDate('29 August – 1 September 2025')).toBe('2025-08-29');
  });

  it('refuses a day that the month does not have', () => {
    expect(parseDate('31 February 2025')).toBeNull();
    expect(parseDate('29 February 2024')).toBe('2024-02-29');
  });

  it('answers null when there is no date', () => {
    expect(parseDate('June 2025')).toBeNull();
    expect(parseDate('The meeting adopted the agenda.')).toBeNull();
  });
});

describe('findDate', () => {
  it('finds the earliest date and where it is written', () => {
    const text = 'convened in Kuala Lumpur, Malaysia, on 1 November 2025; see also 2 December 2025';
    const found = findDate(text);
    expect(found?.iso).toBe('2025-11-01');
    expect(text.slice(found?.index, (found?.index ?? 0) + (found?.length ?? 0))).toBe('1 November 2025');
  });

  it('takes the earliest date whichever way each is written', () => {
    expect(findDate('December 2, 2025 and 1 November 2025')?.iso).toBe('2025-12-02');
  });
});
