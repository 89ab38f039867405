import { describe, expect, it } from 'vitest';
import { isClosingLine, isLeadIn, isOperativeOpener, isPreambleOpener } from './clause-openers.ts';

describe('isPreambleOpener', () => {
  it('recognises capitalised participles', () => {
    for (const text of ['RECOGNISING ASEAN’s role', 'REAFFIRMING the', 'NOTING that', 'ACKNOWLEDGING the']) {
      expect(isPreambleOpener(text), text).toBe(true);
    }
  });

  it('recognises phrases and adjectives that open preambular clauses', () => {
    for (const text of ['BEARING IN MIND the', 'FURTHER RECOGNISING the', 'DEEPLY CONCERNED by', 'MINDFUL of']) {
      expect(isPreambleOpener(text), text).toBe(true);
    }
  });

  it('does not take verbs, acronyms or ordinary sentences for participles', () => {
    for (const text of ['COMMEND the', 'BRING forward', 'PROCEED with', 'ASEAN remains', 'Recognising the']) {
      expect(isPreambleOpener(text), text).toBe(false);
    }
  });
});

describe('isOperativeOpener', () => {
  it('recognises a capitalised verb', () => {
    expect(isOperativeOpener('COMMEND the 15 years')).toBe(true);
    expect(isOperativeOpener('UPHOLD the relevance')).toBe(true);
  });

  it('does not take a participle, "WE" or an ordinary sentence for one', () => {
    expect(isOperativeOpener('NOTING the')).toBe(false);
    expect(isOperativeOpener('WE, the Ministers')).toBe(false);
    expect(isOperativeOpener('The meeting')).toBe(false);
  });
});

describe('isLeadIn', () => {
  it('recognises the lead-ins of statements and declarations', () => {
    for (const text of [
      'WE HEREBY COMMIT TO:',
      'HEREBY DECLARE:',
      'HAVE AGREED AS FOLLOWS:',
      'We, the Ministers, do hereby declare:',
    ]) {
      expect(isLeadIn(text), text).toBe(true);
    }
  });

  it('does not take a report paragraph or heading ending in a colon for a lead-in', () => {
    expect(isLeadIn('The expected outcomes from today’s NADI Meeting are:')).toBe(false);
    expect(isLeadIn('Adoption of the agenda:')).toBe(false);
    expect(isLeadIn('RECOMMENDATIONS:')).toBe(false);
  });
});

describe('isClosingLine', () => {
  it('recognises "ADOPTED in", "DONE at", "Signed in"', () => {
    expect(isClosingLine('ADOPTED in Kuala Lumpur, Malaysia on the First Day of November')).toBe(true);
    expect(isClosingLine('DONE at Jakarta this 8th day of May 2025')).toBe(true);
    expect(isClosingLine('Signed in Manila on 1 June 2025.')).toBe(true);
  });

  it('does not take an operative clause or a lower-case continuation for one', () => {
    expect(isClosingLine('ADOPT the work plan')).toBe(false);
    expect(isClosingLine('adopted in 2017 and the review')).toBe(false);
  });
});
