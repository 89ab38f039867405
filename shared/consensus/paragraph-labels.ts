import type { ClauseKind } from '../schemas/draft.ts';

/**
 * How a clause is referred to in a footnote or a message, as a published statement numbers it:
 * operative clauses (and a chair's report's paragraphs) are "paragraph N" in their own
 * numbering, preamble clauses "preambular paragraph N", the rest by name. A resolution is
 * referred to the same way ("preambular paragraph 3", "paragraph 2").
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

/**
 * The short labels a negotiating room gives a resolution's clauses, as the UN does: "PP 3" for
 * the third preambular paragraph, "OP 2" for the second operative paragraph (report paragraphs
 * count with the operative ones), and the rest by name ("Chapeau", "Lead-in", "Closing",
 * "Heading 1").
 */
export function resolutionRoomLabels(kinds: readonly ClauseKind[]): string[] {
  let operative = 0;
  let preamble = 0;
  let heading = 0;
  return kinds.map((kind) => {
    if (kind === 'operative' || kind === 'paragraph') {
      operative += 1;
      return `OP ${operative}`;
    }
    if (kind === 'preamble') {
      preamble += 1;
      return `PP ${preamble}`;
    }
    if (kind === 'heading') {
      heading += 1;
      return `Heading ${heading}`;
    }
    return ROOM_NAMED[kind];
  });
}

const ROOM_NAMED: Record<'chapeau' | 'lead-in' | 'closing', string> = {
  chapeau: 'Chapeau',
  'lead-in': 'Lead-in',
  closing: 'Closing',
};
