import { describe, expect, it } from 'vitest';
import type { ClauseEdit, EditAuthor } from '../schemas/attribution.ts';
import { groupHistory, minuteOf } from './history-grouping.ts';

const USA: EditAuthor = { role: 'delegation', delegation: 'USA' };
const CHN: EditAuthor = { role: 'delegation', delegation: 'CHN' };

function typed(author: EditAuthor, text: string, offset: number, at: string): ClauseEdit[] {
  return [...text].map((char, i) => ({ kind: 'insert', offset: offset + i, text: char, author, at }));
}

describe('groupHistory', () => {
  it('merges one delegation’s keystrokes of one minute into one insertion', () => {
    const edits = typed(USA, 'including freedom of navigation', 10, '2026-11-22T14:05:12.000Z');
    expect(groupHistory(edits)).toEqual([
      { kind: 'insert', text: 'including freedom of navigation', author: USA, minute: '2026-11-22T14:05:00.000Z' },
    ]);
  });

  it('merges backspaces into the words they deleted, in reading order', () => {
    const at = '2026-11-22T14:07:40.000Z';
    const edits: ClauseEdit[] = [...'binding'].reverse().map((char, i) => ({
      kind: 'delete',
      offset: 6 - i,
      text: char,
      author: CHN,
      at,
    }));
    expect(groupHistory(edits).map((entry) => entry.text)).toEqual(['binding']);
  });

  it('merges forward deletions made at one place', () => {
    const at = '2026-11-22T14:07:40.000Z';
    const edits: ClauseEdit[] = [...'shall'].map((char) => ({
      kind: 'delete',
      offset: 4,
      text: char,
      author: CHN,
      at,
    }));
    expect(groupHistory(edits).map((entry) => entry.text)).toEqual(['shall']);
  });

  it('takes a correction typed inside a word into the same insertion', () => {
    const at = '2026-11-22T14:05:00.000Z';
    const edits = [
      ...typed(USA, 'navgation', 0, at),
      { kind: 'insert' as const, offset: 3, text: 'i', author: USA, at },
    ];
    expect(groupHistory(edits).map((entry) => entry.text)).toEqual(['navigation']);
  });

  it('starts a new entry at a new minute, another author, another kind, or a jump elsewhere; newest first', () => {
    const edits = [
      ...typed(USA, 'ab', 0, '2026-11-22T14:05:59.000Z'),
      ...typed(USA, 'cd', 2, '2026-11-22T14:06:00.000Z'),
      ...typed(CHN, 'ef', 4, '2026-11-22T14:06:01.000Z'),
      { kind: 'delete' as const, offset: 0, text: 'a', author: CHN, at: '2026-11-22T14:06:02.000Z' },
      ...typed(CHN, 'gh', 40, '2026-11-22T14:06:03.000Z'),
    ];
    expect(groupHistory(edits).map((entry) => [entry.author.delegation, entry.kind, entry.text, entry.minute])).toEqual(
      [
        ['CHN', 'insert', 'gh', '2026-11-22T14:06:00.000Z'],
        ['CHN', 'delete', 'a', '2026-11-22T14:06:00.000Z'],
        ['CHN', 'insert', 'ef', '2026-11-22T14:06:00.000Z'],
        ['USA', 'insert', 'cd', '2026-11-22T14:06:00.000Z'],
        ['USA', 'insert', 'ab', '2026-11-22T14:05:00.000Z'],
      ],
    );
  });

  it('keeps only the newest entries and cuts a long text with an ellipsis', () => {
    const long = [
      { kind: 'insert' as const, offset: 0, text: 'x'.repeat(1000), author: USA, at: '2026-11-22T14:00:00.000Z' },
    ];
    const [entry] = groupHistory(long);
    expect(entry?.text).toHaveLength(400);
    expect(entry?.text.endsWith('…')).toBe(true);
    const many = Array.from({ length: 10 }, (_, i) => ({
      kind: 'insert' as const,
      offset: i * 100,
      text: String(i),
      author: USA,
      at: '2026-11-22T14:00:00.000Z',
    }));
    expect(groupHistory(many, 3).map((e) => e.text)).toEqual(['9', '8', '7']);
  });
});

describe('minuteOf', () => {
  it('truncates to the minute in UTC', () => {
    expect(minuteOf('2026-11-22T14:05:59.999Z')).toBe('2026-11-22T14:05:00.000Z');
  });
});
