import { describe, expect, it } from 'vitest';
import type { Paragraph } from '../clean/join-wrapped-lines.ts';
import { readFeatures } from './paragraph-features.ts';

const features = (text: string, layout: Partial<Paragraph> = {}) =>
  readFeatures({ text, heading: 0, bullet: false, literal: false, blankBefore: true, firstLine: 0, ...layout });

describe('readFeatures', () => {
  it('reads a numbered operative paragraph of a resolution', () => {
    expect(features('1. Takes note of the report;')).toMatchObject({
      text: 'Takes note of the report;',
      number: { value: 1, bare: false },
      operative: 'sentence',
      preamble: null,
      ending: ';',
    });
  });

  it('reads a preambular paragraph in capitals and one in sentence case', () => {
    expect(features('RECOGNISING the role of ASEAN;')).toMatchObject({ preamble: 'capitals', ending: ';' });
    expect(features('Recalling also its resolution 79/7,')).toMatchObject({ preamble: 'sentence', ending: ',' });
  });

  it('reads a resolution’s body, its title line and its masthead', () => {
    expect(features('The General Assembly,').bodyName).toBe(true);
    expect(features('80/7. Report of the Agency').resolutionTitle).toBe('Report of the Agency');
    expect(features('Distr.: General').documentHeader).toBe(true);
    expect(features('[without reference to a Main Committee (A/80/L.7)]').documentHeader).toBe(true);
  });

  it('takes a year at the start of a line for no paragraph number', () => {
    expect(features('2030 Agenda for Sustainable Development').number).toBeNull();
  });

  it('reads a lettered sub-item, a bullet and a table row as parts of a paragraph', () => {
    expect(features('(a) The State may submit a statement;').subItem).toBe(true);
    expect(features('Strengthening integration', { bullet: true }).subItem).toBe(true);
    expect(features('Date\tActivity').table).toBe(true);
  });

  it('reads a short line without final punctuation as heading-like, and a presenter’s line as title case', () => {
    expect(features('Maritime Cooperation').headingLike).toBe(true);
    expect(features('The Ministers met.').headingLike).toBe(false);
    expect(
      features('Welcome Remarks by Lieutenant General Nem Sowathey, Ministry of National Defence.').titleCase,
    ).toBe(true);
  });
});
