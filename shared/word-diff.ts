import { diffWords } from 'diff';
import type { DiffPart } from './schemas/versions.ts';

/**
 * What changed between two texts word by word: the words kept, inserted and deleted, in reading
 * order. Spelling the `same` and `inserted` parts gives the later text; the `same` and `deleted`
 * parts the earlier one. Adjacent parts of one kind are joined.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const change of diffWords(before, after)) {
    if (change.value === '') continue;
    const op = change.added ? 'inserted' : change.removed ? 'deleted' : 'same';
    const last = parts.at(-1);
    if (last !== undefined && last.op === op) last.text += change.value;
    else parts.push({ op, text: change.value });
  }
  return parts;
}

/** The earlier text a diff was taken from. */
export function diffBefore(parts: readonly DiffPart[]): string {
  return parts
    .filter((p) => p.op !== 'inserted')
    .map((p) => p.text)
    .join('');
}

/** The later text a diff was taken to. */
export function diffAfter(parts: readonly DiffPart[]): string {
  return parts
    .filter((p) => p.op !== 'deleted')
    .map((p) => p.text)
    .join('');
}
