import { describe, expect, it } from 'vitest';
import { readSourceLines } from './source-line.ts';

describe('readSourceLines', () => {
  it('reads Markdown off each line and marks the lines after a blank one', () => {
    const lines = readSourceLines('# Title\n\n- **ESTABLISH** the partnership;\n  and more');
    expect(lines.map((l) => [l.text, l.heading, l.bullet, l.blankBefore])).toEqual([
      ['Title', 1, false, true],
      ['ESTABLISH the partnership;', 0, true, true],
      ['and more', 0, false, false],
    ]);
  });

  it('takes an HTML comment line for a blank line', () => {
    const lines = readSourceLines('One;\n<!-- -->\nTwo.');
    expect(lines.map((l) => l.blankBefore)).toEqual([true, true]);
  });

  it('splits off a footnote separator glued to the end of a line', () => {
    const lines = readSourceLines('the NPT safeguards agreement ---\n\n1 See A/80/348.');
    expect(lines.map((l) => (l.separator ? '---' : l.text))).toEqual([
      'the NPT safeguards agreement',
      '---',
      '1 See A/80/348.',
    ]);
  });

  it('keeps a rule of underscores as a separator line', () => {
    expect(readSourceLines('text\n_______________\n1 A note.').map((l) => l.separator)).toEqual([false, true, false]);
  });
});
