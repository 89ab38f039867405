import { describe, expect, it } from 'vitest';
import { TextBuilder, wrapSeparator } from './text-builder.ts';

describe('TextBuilder', () => {
  it('joins its pieces and shows the end of the text', () => {
    const text = new TextBuilder('RECOGNISING the');
    text.append(' role');
    expect(text.tail()).toBe('RECOGNISING the role');
    expect(text.toString()).toBe('RECOGNISING the role');
  });

  it('keeps only the last 200 characters as its tail', () => {
    const text = new TextBuilder('x'.repeat(500));
    text.append('end');
    expect(text.tail()).toHaveLength(200);
    expect(text.tail().endsWith('end')).toBe(true);
  });

  it('joins 200,000 pieces', () => {
    const text = new TextBuilder();
    for (let i = 0; i < 200_000; i++) {
      text.append(' A');
      text.tail().endsWith('.');
    }
    expect(text.toString()).toHaveLength(400_000);
  });
});

describe('wrapSeparator', () => {
  it('joins a word broken at a hyphen without a space, anything else with one', () => {
    expect(wrapSeparator('capacity-')).toBe('');
    expect(wrapSeparator('the')).toBe(' ');
    expect(wrapSeparator('18th –')).toBe(' ');
  });

  it('drops the last characters of the text', () => {
    const builder = new TextBuilder('confi-');
    builder.dropEnd(1);
    builder.append('dence');
    expect(builder.toString()).toBe('confidence');
    expect(builder.tail()).toBe('confidence');
  });
});
