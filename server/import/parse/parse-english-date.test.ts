import { describe, expect, it } from 'vitest';
import { findDate, isDateLine, parseDate } from './parse-english-date.ts';

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

describe('findDate in the forms closing lines use', () => {
  it.each([
    ['the First Day of November in the Year Two Thousand and Twenty-Five', '2025-11-01'],
    ['on the Sixth of September in the Year Two Thousand and Twenty-Three', '2023-09-06'],
    ['the Twelfth day of November in the Year Two Thousand and Twenty-Two', '2022-11-12'],
    ['on the 12th of May 2024', '2024-05-12'],
    ['May 12, 2024', '2024-05-12'],
    ['12 May 2024', '2024-05-12'],
    ['this twenty-first day of June, 2025', '2025-06-21'],
  ])('reads “%s”', (text, iso) => {
    expect(findDate(text)?.iso).toBe(iso);
  });

  it('reads a date written without its year with the year it is given', () => {
    expect(findDate('Done at Vientiane on this twelfth day of May')).toBeNull();
    expect(findDate('Done at Vientiane on this twelfth day of May', 2024)?.iso).toBe('2024-05-12');
  });
});

describe('isDateLine', () => {
  it('takes a line that is a date and a place for a date line', () => {
    expect(isDateLine('1 November 2025')).toBe(true);
    expect(isDateLine('Kuala Lumpur, 1 November 2025')).toBe(true);
    expect(isDateLine('November 16-17, 2023')).toBe(true);
  });

  it('does not take a clause that holds a date for one', () => {
    expect(isDateLine('the inception in Ha Noi, Viet Nam, on 12 October 2010, which marked')).toBe(false);
  });
});
