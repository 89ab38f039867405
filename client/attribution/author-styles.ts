import { authorKey, type EditAuthor } from '../../shared/schemas/attribution.ts';

/**
 * How many distinct marks authorship uses: each a colour and an underline pattern, so that two
 * delegations never differ by colour alone (authorship.css draws `::highlight(author-N)`).
 */
export const AUTHOR_STYLES = 10;

/** The underline pattern of each mark, in words, for the legend. */
export const STYLE_PATTERNS = [
  'solid underline',
  'wavy underline',
  'dotted underline',
  'double underline',
  'dashed underline',
  'thick solid underline',
  'thick wavy underline',
  'thick dotted underline',
  'thick double underline',
  'thick dashed underline',
] as const;

/**
 * The mark of each author of a draft: authors in a fixed order (the original text first, then
 * by name), so that every person's screen gives a delegation the same mark.
 */
export function styleSlots(authors: Iterable<EditAuthor>): Map<string, number> {
  const keys = [...new Set([...authors].map(authorKey))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return new Map(keys.map((key, index) => [key, index % AUTHOR_STYLES]));
}

function rank(key: string): number {
  return key === 'server' ? 0 : key === 'unrecorded' ? 1 : 2;
}
