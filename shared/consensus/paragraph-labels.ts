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
    switch (kind) {
      case 'operative':
      case 'paragraph':
        paragraph += 1;
        return `paragraph ${paragraph}`;
      case 'preamble':
        preamble += 1;
        return `preambular paragraph ${preamble}`;
      case 'heading':
        heading += 1;
        return `heading ${heading}`;
      case 'chapeau':
        return 'the chapeau';
      case 'lead-in':
        return 'the lead-in';
      case 'closing':
        return 'the closing paragraph';
    }
  });
}
