import { describe, expect, it } from 'vitest';
import { joinHyphenated, textVocabulary } from './undo-hyphenation.ts';

const none = new Set<string>();

describe('joinHyphenated', () => {
  it('joins a word broken at the line end', () => {
    expect(joinHyphenated('building trust and confi-', 'dence among', none)).toBe(
      'building trust and confidence among',
    );
  });

  it('keeps the hyphen of a compound with a usual second half', () => {
    expect(joinHyphenated('a rules-', 'based order', none)).toBe('a rules-based order');
    expect(joinHyphenated('capacity-', 'building', none)).toBe('capacity-building');
  });

  it('keeps the hyphen before a capital, after an acronym and after a compound prefix', () => {
    expect(joinHyphenated('the Indo-', 'Pacific', none)).toBe('the Indo-Pacific');
    expect(joinHyphenated('an ASEAN-', 'centred architecture', none)).toBe('an ASEAN-centred architecture');
    expect(joinHyphenated('a self-', 'reliant industry', none)).toBe('a self-reliant industry');
  });

  it('follows the text where it writes the word elsewhere', () => {
    expect(joinHyphenated('cyber-', 'security', new Set(['cybersecurity']))).toBe('cybersecurity');
    expect(joinHyphenated('people-', 'centred', new Set(['people-centred']))).toBe('people-centred');
  });

  it('keeps the hyphen of a longer compound broken after one of its hyphens', () => {
    expect(joinHyphenated('people-to-', 'people ties', none)).toBe('people-to-people ties');
  });
});

describe('textVocabulary', () => {
  it('leaves out the pieces of words broken at line ends', () => {
    const words = textVocabulary('mutual confi-\ndence and trust');
    expect(words.has('confi')).toBe(false);
    expect(words.has('dence')).toBe(false);
    expect(words.has('trust')).toBe(true);
  });
});
