/** First halves that make compounds: "self-reliant", "non-proliferation", "co-chairs". */
const COMPOUND_PREFIXES = new Set(
  'self non co cross well multi anti post pre ex semi socio long short full high low wide sub'.split(' '),
);
/** Second halves that make compounds: "rules-based", "ASEAN-led", "capacity-building". */
const COMPOUND_SUFFIXES = new Set(
  (
    'based led driven centred centered oriented related building making keeping term level scale wide free ' +
    'friendly owned sharing specific sensitive informed responsive ready run up ups off bound born wise long ' +
    'fold time year old date sized'
  ).split(' '),
);

const WORD = /[\p{L}][\p{L}'’-]*[\p{L}]|[\p{L}]/gu;

/**
 * The words of a text, lower-cased, to tell a hyphenated compound from a word broken at a line
 * end; the pieces of words broken at line ends are no words of the text.
 */
export function textVocabulary(text: string): Set<string> {
  const unbroken = text.replace(/\p{L}+-[ \t]*\n[ \t]*\p{L}+/gu, ' ').replace(/\p{L}+-[ \t]*$/gmu, ' ');
  return new Set(Array.from(unbroken.matchAll(WORD), (m) => m[0].toLowerCase()));
}

/**
 * Joins a line that ends in a hyphen to the next. A word broken at the line end ("confi-" +
 * "dence") is joined again ("confidence"); a hyphenated compound ("capacity-" + "building",
 * "Indo-" + "Pacific", "ASEAN-" + "led") keeps its hyphen. A compound is told by the text
 * itself (the joined word, or the compound, written elsewhere in it), a capital or digit
 * after the hyphen, an acronym before it, the usual halves of compounds, or two halves that
 * are each a word of the text. `words` is the text's vocabulary (`textVocabulary`).
 */
export function joinHyphenated(before: string, after: string, words: ReadonlySet<string>): string {
  const left = /([\p{L}\d][\p{L}\d'’-]*)-$/u.exec(before)?.[1] ?? '';
  const right = /^[\p{L}\d][\p{L}\d'’]*/u.exec(after)?.[0] ?? '';
  return keepsHyphen(left, right, words) ? before + after : before.slice(0, -1) + after;
}

function keepsHyphen(compoundLeft: string, right: string, words: ReadonlySet<string>): boolean {
  if (right === '' || !/^\p{Ll}/u.test(right)) return true;
  const left = compoundLeft.slice(compoundLeft.lastIndexOf('-') + 1);
  const lowerLeft = left.toLowerCase();
  const lowerRight = right.toLowerCase();
  const whole = compoundLeft.toLowerCase();
  if (words.has(whole + lowerRight) || words.has(lowerLeft + lowerRight)) return false;
  if (words.has(`${whole}-${lowerRight}`) || words.has(`${lowerLeft}-${lowerRight}`)) return true;
  if (compoundLeft.includes('-')) return true;
  if (/^\p{Lu}{2,}$/u.test(left) || /\d/.test(left)) return true;
  if (COMPOUND_PREFIXES.has(lowerLeft) || COMPOUND_SUFFIXES.has(lowerRight)) return true;
  return lowerLeft.length >= 3 && lowerRight.length >= 3 && words.has(lowerLeft) && words.has(lowerRight);
}
