import { describe, expect, it } from 'vitest';
import { untabNumbers } from './untab-numbers.ts';

describe('untabNumbers', () => {
  it('replaces the tab Word puts after a paragraph number with a space', () => {
    expect(untabNumbers('2.\tRecommends that\n10.\t\tDecides to')).toBe('2. Recommends that\n10. Decides to');
  });

  it('does the same after a letter, a roman numeral and a bullet', () => {
    expect(untabNumbers('(a)\tOne;\niv.\tTwo;\n•\tThree')).toBe('(a) One;\niv. Two;\n• Three');
  });

  it('keeps the tabs between the cells of a table row', () => {
    expect(untabNumbers('Date\tActivity\tCountry')).toBe('Date\tActivity\tCountry');
  });
});
