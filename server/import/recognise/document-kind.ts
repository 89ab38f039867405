import { takesLeadIn } from './assemble-statement.ts';
import type { Item } from './clause-list.ts';
import type { ParagraphFeatures } from './paragraph-features.ts';

/**
 * What a text is, decided from all its paragraphs together:
 * - `resolution`: a body's name as chapeau ("The General Assembly,"), or sentence-case
 *   preambular paragraphs ending in commas together with operative paragraphs opening with a
 *   verb in the third person ("Decides", "Requests");
 * - `joint-statement` (a joint statement or declaration): a lead-in before operative
 *   paragraphs, or preambular paragraphs in capitals ("RECOGNISING") with operative ones;
 * - `report` (a numbered report, communiqué or chair's statement): numbered paragraphs;
 * - `prose`: a title and paragraphs of prose, with no numbers (a chair's statement, a
 *   declaration written as sentences): kept as paragraphs under their title;
 * - `plain`: nothing recognisable.
 */
export type DocumentKind = 'resolution' | 'joint-statement' | 'report' | 'prose' | 'plain';

export function decideKind(items: readonly Item[]): DocumentKind {
  const paragraphs = items.flatMap((item) => (item.kind === 'paragraph' ? [item.f] : []));
  const count = (test: (f: ParagraphFeatures, i: number) => boolean) => paragraphs.filter(test).length;

  const body = paragraphs.some(
    (f, i) => f.bodyName && (paragraphs[i + 1]?.preamble === 'sentence' || paragraphs[i + 1]?.operative === 'sentence'),
  );
  // A resolution's preambular paragraphs end in commas; its operative ones open with a verb.
  const sentencePreamble = count((f) => f.preamble === 'sentence' && f.number === null && f.ending === ',');
  const verbOperative = count(
    (f) => f.operative === 'sentence' && (f.number !== null || f.ending === ';' || f.ending === '.'),
  );
  const numberedProse = count((f) => f.number !== null && f.operative === null && f.preamble === null);
  if (body || (sentencePreamble >= 2 && verbOperative >= 1 && verbOperative >= numberedProse)) return 'resolution';

  const leadIn = paragraphs.some((f, i) => takesLeadIn(f, paragraphs[i + 1], false));
  const capsPreamble = count((f) => f.preamble === 'capitals');
  const capsOperative = count((f) => f.operative === 'capitals');
  const numbered = count((f) => f.number !== null && !f.subItem);
  if (leadIn || (capsPreamble >= 2 && (capsOperative >= 1 || capsPreamble >= numbered))) return 'joint-statement';
  if (numbered >= 2) return 'report';

  const first = paragraphs[0];
  const prose = count((f) => f.ending === '.' && f.words >= 8);
  if (first !== undefined && isTitleLike(first) && prose >= 1) return 'prose';
  if (paragraphs.some((f) => f.heading > 0) && prose >= 1) return 'prose';
  return 'plain';
}

/** Short, one line, not ending as a sentence or clause does: a title. */
export function isTitleLike(f: ParagraphFeatures): boolean {
  return (
    f.heading > 0 ||
    (f.paragraph.text.length <= 250 && f.words <= 30 && !['.', ';', ',', ':'].includes(f.ending) && !f.dateLine)
  );
}
