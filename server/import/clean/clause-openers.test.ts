import { describe, expect, it } from 'vitest';
import { isClosingLine, isLeadIn, operativeOpener, preambleOpener } from './clause-openers.ts';

describe('preambleOpener', () => {
  it('recognises capitalised participles and phrases', () => {
    for (const text of [
      'RECOGNISING ASEAN’s role',
      'BEARING IN MIND the',
      'FURTHER RECOGNISING the',
      'DEEPLY CONCERNED by',
      'MINDFUL of',
    ]) {
      expect(preambleOpener(text), text).toBe('capitals');
    }
  });

  it('recognises the sentence-case openers of a resolution', () => {
    for (const text of [
      'Recalling its resolution 78/10',
      'Recalling also its resolution',
      'Noting with concern the',
      'Bearing in mind that',
      'Guided by the purposes',
      'Convinced that',
      'Deeply alarmed by',
      'Welcoming the designation',
      'Acknowledging the valuable',
      'Having received the report',
      'Recalling General Assembly resolution 70/1',
      'Encouraging the efforts',
    ]) {
      expect(preambleOpener(text), text).toBe('sentence');
    }
  });

  it('does not take verbs, acronyms, names or ordinary sentences for participles', () => {
    for (const text of [
      'COMMEND the',
      'BRING forward',
      'ASEAN remains',
      'United Nations Member States',
      'The meeting',
      'Building Committee',
    ]) {
      expect(preambleOpener(text), text).toBeNull();
    }
  });
});

describe('operativeOpener', () => {
  it('recognises a capitalised verb', () => {
    expect(operativeOpener('COMMEND the 15 years')).toBe('capitals');
    expect(operativeOpener('FURTHER PROMOTE the stability')).toBe('capitals');
  });

  it('recognises a resolution’s verbs in the third person', () => {
    for (const text of [
      'Decides to include',
      'Takes note of',
      'Calls upon all',
      'Also welcomes the',
      'Once again urges States',
    ]) {
      expect(operativeOpener(text), text).toBe('sentence');
    }
  });

  it('does not take a participle, "WE", a noun or an ordinary sentence for one', () => {
    for (const text of [
      'NOTING the',
      'WE, the Ministers',
      'The meeting',
      'Members of the',
      'States Parties to',
      'Progress has been',
    ]) {
      expect(operativeOpener(text), text).toBeNull();
    }
  });
});

describe('isLeadIn', () => {
  it('recognises the lead-ins of statements and declarations', () => {
    for (const text of [
      'WE HEREBY COMMIT TO:',
      'HEREBY DECLARE:',
      'HAVE AGREED AS FOLLOWS:',
      'We, the Ministers, do hereby declare:',
      'Hereby decide to:',
      `We, the Ministers of ${'the Member States, '.repeat(20)}meeting in Manila, have agreed on the following:`,
      'To this end, we hereby agree to:',
    ]) {
      expect(isLeadIn(text), text).toBe(true);
    }
  });

  it('does not take a report paragraph or heading ending in a colon for a lead-in', () => {
    expect(isLeadIn('The expected outcomes from today’s NADI Meeting are:')).toBe(false);
    expect(isLeadIn('Adoption of the agenda:')).toBe(false);
    expect(isLeadIn('RECOMMENDATIONS:')).toBe(false);
    expect(isLeadIn('we have identified the following five priorities that will drive our work:')).toBe(false);
  });
});

describe('isClosingLine', () => {
  it('recognises "ADOPTED in", "DONE at", "Signed at" and a resolution’s meeting line', () => {
    expect(isClosingLine('ADOPTED in Kuala Lumpur, Malaysia on the First Day of November')).toBe(true);
    expect(isClosingLine('DONE at Jakarta this 8th day of May 2025')).toBe(true);
    expect(isClosingLine('Signed at Manila on 1 June 2025.')).toBe(true);
    expect(isClosingLine('45th plenary meeting 4 December 2024')).toBe(true);
  });

  it('does not take an operative clause or a lower-case continuation for one', () => {
    expect(isClosingLine('ADOPT the work plan')).toBe(false);
    expect(isClosingLine('adopted in 2017 and the review')).toBe(false);
  });
});
