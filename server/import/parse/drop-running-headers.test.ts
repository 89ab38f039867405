import { describe, expect, it } from 'vitest';
import { findRunningHeaders } from './drop-running-headers.ts';

const lines = (...texts: string[]) => texts.map((text) => ({ text, fixed: /^\d/.test(text) }));

describe('findRunningHeaders', () => {
  it('finds a group of lines repeated on each page', () => {
    const input = lines('Track II', 'NADI', '1. a', 'Track II', 'NADI', '2. b', 'Track II', 'NADI', '3. c');
    expect([...findRunningHeaders(input)]).toEqual([0, 1, 3, 4, 6, 7]);
  });

  it('keeps a heading that recurs next to different lines', () => {
    const input = lines('Markets', 'Mr A', '1. a', 'Markets', 'Mr B', '2. b', 'Markets', 'Mr C', '3. c');
    expect(findRunningHeaders(input).size).toBe(0);
  });

  it('keeps lines that repeat fewer than three times', () => {
    const input = lines('Closing Remarks', 'President', '1. a', 'Closing Remarks', 'President', '2. b');
    expect(findRunningHeaders(input).size).toBe(0);
  });

  it('never drops numbered paragraphs', () => {
    const input = lines('1. Same', '1. Same', '1. Same', '1. Same');
    expect(findRunningHeaders(input).size).toBe(0);
  });
});
