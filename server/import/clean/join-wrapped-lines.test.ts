import { describe, expect, it } from 'vitest';
import { joinWrappedLines, type KeptLine, wrapWidth } from './join-wrapped-lines.ts';
import { readSourceLines } from './source-line.ts';
import { textVocabulary } from './undo-hyphenation.ts';

const kept = (text: string): KeptLine[] => readSourceLines(text).map((line) => ({ line, afterFurniture: false }));
const join = (text: string) => joinWrappedLines(kept(text), textVocabulary(text)).map((p) => p.text);

/** Lines of about 60 columns, as a PDF of a resolution gives them. */
const WRAPPED = [
  'Recognizing also the cooperation between the United Nations',
  'and the Agency as approved by the General Conference of the',
  'Agency on 23 October 1957 and by the General Assembly in the',
  'annex to its resolution 1145 (XII) of 14 November 1957,',
  'Taking note of the statement by the Director General of the',
  'Agency, in which he provided additional information on the',
  'main developments in the activities of the Agency in 2025,',
  'Recalling its resolutions on the subject of the Agency and its',
  'work in the field of nuclear safety and security,',
].join('\n');

describe('wrapWidth', () => {
  it('reads the width a text was wrapped at', () => {
    expect(wrapWidth(kept(WRAPPED))).toBeGreaterThanOrEqual(55);
  });

  it('answers null for a text of one paragraph per line', () => {
    const text = Array.from(
      { length: 6 },
      (_, i) => `RECALLING ${'the long clause of a statement '.repeat(6)}${i};`,
    ).join('\n');
    expect(wrapWidth(kept(text))).toBeNull();
  });
});

describe('joinWrappedLines', () => {
  it('joins the lines of a wrapped paragraph, whatever their last word, and starts one at each opener', () => {
    expect(join(WRAPPED)).toHaveLength(3);
    expect(join(WRAPPED)[1]).toMatch(/^Taking note .* in 2025,$/);
  });

  it('goes on over a line that ends in a full stop when the line ran to the margin', () => {
    const text = [
      'The Ministers welcomed the progress made in the work of the group.',
      'They also agreed that the next meeting would be held in the year',
      'to come, in the capital of the country that chairs the Association.',
      'A short line.',
      'The next paragraph starts here and it runs on for a while longer.',
    ].join('\n');
    expect(join(text)).toEqual([
      'The Ministers welcomed the progress made in the work of the group. They also agreed that the next meeting would be held in the year to come, in the capital of the country that chairs the Association. A short line.',
      'The next paragraph starts here and it runs on for a while longer.',
    ]);
  });

  it('starts a paragraph at a number, a letter, a bullet and a closing line', () => {
    expect(join('1. Decides to act;\n(a) First;\n(b) Second;\n- A bullet\nADOPTED in Manila on 1 June 2025.')).toEqual([
      '1. Decides to act;',
      '(a) First;',
      '(b) Second;',
      'A bullet',
      'ADOPTED in Manila on 1 June 2025.',
    ]);
  });

  it('keeps a text of one paragraph per line one paragraph per line', () => {
    expect(join('RECOGNISING the role of ASEAN;\nNOTING the progress made;\nWE HEREBY COMMIT TO:')).toEqual([
      'RECOGNISING the role of ASEAN;',
      'NOTING the progress made;',
      'WE HEREBY COMMIT TO:',
    ]);
  });

  it('keeps the lines of a heading without final punctuation as lines of one paragraph', () => {
    expect(join('Brigadier General Joel M Paloma PA\nChief, Office for Strategic Studies')).toEqual([
      'Brigadier General Joel M Paloma PA\nChief, Office for Strategic Studies',
    ]);
  });

  it('joins a number standing alone with the text on the next line', () => {
    expect(join('1.\nTakes note of the report;')).toEqual(['1. Takes note of the report;']);
  });

  it('joins a paragraph broken by a page break in mid-sentence', () => {
    const lines = kept('the work of the\n\nAgency in the field,');
    const broken = lines.map((line, i) => (i === 1 ? { ...line, afterFurniture: true } : line));
    expect(joinWrappedLines(broken, new Set()).map((p) => p.text)).toEqual(['the work of the Agency in the field,']);
  });

  it('mends a word broken at a line end and keeps a compound’s hyphen', () => {
    expect(join('to build mutual confi-\ndence and a rules-\nbased order')).toEqual([
      'to build mutual confidence and a rules-based order',
    ]);
  });

  it('keeps the items of a list a colon introduces on lines of their own', () => {
    const text = [
      'At this Summit, we identified the following priorities that will drive our work:',
      'Strengthening regional competitiveness and integration',
      'Fostering shared prosperity and good governance',
      'Building sustainable infrastructure',
    ].join('\n');
    expect(join(text)).toEqual([
      'At this Summit, we identified the following priorities that will drive our work:',
      'Strengthening regional competitiveness and integration',
      'Fostering shared prosperity and good governance',
      'Building sustainable infrastructure',
    ]);
  });
});
