/** How much of the end of a text the parsers look at: a sentence's end, a last line. */
const TAIL_LENGTH = 200;

/**
 * A text grown piece by piece whose end can be read cheaply. A string grown with `+=` and
 * sliced after each piece is flattened every time, so joining the n wrapped lines of one
 * paragraph would cost n²: a 2 MB upload of short lines would take minutes.
 */
export class TextBuilder {
  private readonly parts: string[] = [];
  private end = '';

  constructor(first = '') {
    this.append(first);
  }

  append(piece: string): void {
    this.parts.push(piece);
    this.end = (this.end + piece).slice(-TAIL_LENGTH);
  }

  /** Removes the last `count` characters of the text (at most those of the last piece appended). */
  dropEnd(count: number): void {
    const last = this.parts.at(-1) ?? '';
    if (this.parts.length > 0) this.parts[this.parts.length - 1] = last.slice(0, Math.max(0, last.length - count));
    this.end = this.end.slice(0, Math.max(0, this.end.length - count));
  }

  /** The last characters of the text (up to 200). */
  tail(): string {
    return this.end;
  }

  toString(): string {
    const text = this.parts.join('');
    this.parts.splice(0, this.parts.length, text);
    return text;
  }
}

/** What joins a wrapped line to the text before it: nothing after a word broken at a hyphen ("capacity-" + "building"), else a space. */
export function wrapSeparator(before: string): string {
  return /\p{L}-$/u.test(before.slice(-2)) ? '' : ' ';
}
