import type { ClauseKind } from '../schemas/draft.ts';

/**
 * How a clause is referred to in a footnote or a message, as a published statement numbers it:
 * operative clauses (and a chair's report's paragraphs) are "paragraph N" in their own
 * numbering, preamble clauses "preambular paragraph N", the rest by name.
 */
export function paragraphLabels(kinds: readonly ClauseKind[]): string[] {
  let paragraph = 0;
  let preamble = 0;
  let heading = 0;
  return kinds.map((kind) => {
    if (kind === 'operative' || kind === 'paragraph') {
      paragraph += 1;
      return `paragraph ${paragraph}`;
    }
    if (kind === 'preamble') {
      preamble += 1;
      return `preambular paragraph ${preamble}`;
    }
    if (kind === 'heading') {
      heading += 1;
      return `heading ${heading}`;
    }
    return NAMED[kind];
  });
}

const NAMED: Record<'chapeau' | 'lead-in' | 'closing', string> = {
  chapeau: 'the chapeau',
  'lead-in': 'the lead-in',
  closing: 'the closing paragraph',
};
