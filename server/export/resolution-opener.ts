/** Words that go on from a resolution paragraph's opening word and are set in italics with it. */
const CONTINUATIONS = [
  'also',
  'further',
  'again',
  'once again',
  'with concern',
  'with deep concern',
  'with grave concern',
  'with appreciation',
  'with satisfaction',
  'with regret',
  'in mind',
  'note',
  'note with appreciation',
  'note with concern',
  'upon',
];
const CONTINUATION = new RegExp(`^(?:\\s+(?:${CONTINUATIONS.map((c) => c.replace(/ /g, '\\s+')).join('|')}))*`, 'i');
/** Adverbs that come before the opening word: "Deeply concerned", "Strongly condemns", "Also decides". */
const ADVERB = /^(?:(?:Also|Further|Deeply|Strongly|Firmly|Gravely|Fully|Once again|Again|Seriously)\s+)?/;

/**
 * The opening words of a resolution's preambular or operative paragraph, which the United
 * Nations prints in italics: "Recalling also", "Noting with concern", "Bearing in mind", "Deeply
 * concerned", "Takes note", "Calls upon", "Also decides". Null when the paragraph does not open
 * with a word in sentence case.
 */
export function resolutionOpener(text: string): string | null {
  const adverb = ADVERB.exec(text)?.[0] ?? '';
  const word = (adverb === '' ? /^\p{Lu}\p{Ll}+(?:[-’']\p{Ll}+)?/u : /^\p{Ll}+/u).exec(text.slice(adverb.length))?.[0];
  if (word === undefined && adverb === '') return null;
  const head = adverb + (word ?? '');
  const rest = text.slice(head.length);
  const more = /^\s+in\s+mind/i.test(rest) && !/^bearing/i.test(word ?? '') ? '' : (CONTINUATION.exec(rest)?.[0] ?? '');
  return (head + more).trimEnd();
}
