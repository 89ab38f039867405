import { describe, expect, it } from 'vitest';
import { AppliedSeqs } from './applied-seqs.ts';

describe('AppliedSeqs', () => {
  it('moves the contiguous number on only once the gap below its own appends is filled', () => {
    const applied = new AppliedSeqs(10);
    applied.add(13, 14); // its own append, numbered after two of another instance's
    expect(applied.contiguous).toBe(10);
    expect(applied.covers(13, 14)).toBe(true);
    expect(applied.covers(11, 11)).toBe(false);
    applied.add(11, 11);
    expect(applied.contiguous).toBe(11);
    applied.add(12, 12);
    expect(applied.contiguous).toBe(14);
    expect(applied.covers(15, 15)).toBe(false);
  });

  it('ignores what it holds already and joins ranges in any order', () => {
    const applied = new AppliedSeqs(0);
    applied.add(5, 6);
    applied.add(3, 3);
    applied.add(1, 2);
    expect(applied.contiguous).toBe(3);
    applied.add(1, 3);
    applied.add(4, 4);
    expect(applied.contiguous).toBe(6);
  });

  it('after a reload keeps the ranges above what storage held', () => {
    const applied = new AppliedSeqs(2);
    applied.add(8, 9);
    applied.reset(6);
    expect(applied.contiguous).toBe(6);
    applied.add(7, 7);
    expect(applied.contiguous).toBe(9);
  });

  it('knows the highest number applied, above a gap or not', () => {
    const applied = new AppliedSeqs(4);
    expect(applied.highest).toBe(4);
    applied.add(9, 11);
    applied.add(7, 7);
    expect(applied.highest).toBe(11);
    expect(applied.contiguous).toBe(4);
  });
});
