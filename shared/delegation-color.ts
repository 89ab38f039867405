/**
 * A delegation's colour for its cursors and marks: stable for a code, distinct enough between
 * neighbours in the list, dark enough for white text on it.
 */
const PALETTE = [
  '#1f6feb',
  '#b35900',
  '#1a7f37',
  '#8250df',
  '#cf222e',
  '#0a7e8c',
  '#9a6700',
  '#bf3989',
  '#57606a',
  '#2f5fa7',
  '#6e40c9',
  '#116329',
];

export function delegationColor(code: string): string {
  let hash = 0;
  for (const char of code) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? '#57606a';
}
