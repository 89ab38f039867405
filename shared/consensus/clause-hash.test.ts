import { describe, expect, it } from 'vitest';
import { hashClauseText } from './clause-hash.ts';

describe('hashClauseText', () => {
  it('is the SHA-256 of the text in hex', () => {
    expect(hashClauseText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes the same words the same way whatever their Unicode form and surrounding space', () => {
    expect(hashClauseText('  cafe\u0301\n')).toBe(hashClauseText('caf\u00e9'));
  });

  it('tells apart texts that differ by one character', () => {
    expect(hashClauseText('shall')).not.toBe(hashClauseText('shall not'));
  });
});
