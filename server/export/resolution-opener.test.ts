import { describe, expect, it } from 'vitest';
import { resolutionOpener } from './resolution-opener.ts';

describe('resolutionOpener', () => {
  it.each([
    ['Recalling its resolution 78/10 of 21 November 2023,', 'Recalling'],
    ['Recalling also the Headquarters Agreement,', 'Recalling also'],
    ['Noting with concern the persistence of cases,', 'Noting with concern'],
    ['Bearing in mind that the Charter,', 'Bearing in mind'],
    ['Deeply concerned by the situation,', 'Deeply concerned'],
    ['Takes note with appreciation of the report;', 'Takes note with appreciation'],
    ['Calls upon all Member States to cooperate;', 'Calls upon'],
    ['Also decides that the procedures shall apply;', 'Also decides'],
  ])('finds the opening words of “%s”', (text, opener) => {
    expect(resolutionOpener(text)).toBe(opener);
  });

  it('finds none in a paragraph that opens otherwise', () => {
    expect(resolutionOpener('GC(69)/RES/14, entitled “Nuclear safety”;')).toBeNull();
  });
});
