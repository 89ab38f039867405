import { describe, expect, it } from 'vitest';
import { parseClosing } from './parse-closing.ts';

describe('parseClosing', () => {
  it('reads the place and the date written in words of the ADMM-Plus closing', () => {
    const text =
      'ADOPTED in Kuala Lumpur, Malaysia on the First Day of November in the Year Two Thousand and Twenty-Five, in a single original copy in the English language.';
    expect(parseClosing(text)).toEqual({ place: 'Kuala Lumpur, Malaysia', date: '2025-11-01' });
  });

  it('reads "DONE at <place>, this <date>"', () => {
    expect(parseClosing('DONE at Jakarta, Indonesia, this 8th day of May, 2025.')).toEqual({
      place: 'Jakarta, Indonesia',
      date: '2025-05-08',
    });
  });

  it('reads a date that comes before the place', () => {
    expect(parseClosing('Adopted on 1 November 2025 in Manila, the Philippines.')).toEqual({
      place: 'Manila, the Philippines',
      date: '2025-11-01',
    });
  });

  it('reads the American date order', () => {
    expect(parseClosing('SIGNED in Vientiane, Lao PDR on November 1, 2025')).toEqual({
      place: 'Vientiane, Lao PDR',
      date: '2025-11-01',
    });
  });

  it('answers null for what is not there', () => {
    expect(parseClosing('ADOPTED by consensus.')).toEqual({ place: null, date: null });
    expect(parseClosing('ADOPTED in Bangkok.')).toEqual({ place: 'Bangkok', date: null });
  });

  it('reads a resolution’s meeting line, which names no place', () => {
    expect(parseClosing('40th plenary meeting\n14 November 2025')).toEqual({ place: null, date: '2025-11-14' });
    expect(parseClosing('3rd plenary meeting')).toEqual({ place: null, date: null });
  });

  it('reads "Signed at <place> on <date>" and a date without its year', () => {
    expect(parseClosing('Signed at Vientiane on this twelfth day of May', 2024)).toEqual({
      place: 'Vientiane',
      date: '2024-05-12',
    });
  });
});
