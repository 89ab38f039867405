/**
 * How the clauses of a joint statement open. Preambular clauses open with a capitalised
 * participle or adjective ("RECOGNISING", "BEARING IN MIND", "DEEPLY CONCERNED"), operative
 * clauses with a capitalised verb ("COMMEND", "UPHOLD"), the lead-in is a short line ending
 * in ":" ("WE HEREBY COMMIT TO:"), the closing says where and when it was adopted.
 */

/** Words that may come before the participle: "FURTHER RECOGNISING", "ALSO NOTING". */
const MODIFIERS = new Set(['FURTHER', 'ALSO', 'DEEPLY', 'FIRMLY', 'STRONGLY', 'FULLY', 'EQUALLY', 'AND', 'MOREOVER']);

/** Preambular openers that are not participles in -ING or -ED. */
const PREAMBLE_ADJECTIVES = new Set([
  'MINDFUL',
  'CONSCIOUS',
  'AWARE',
  'COGNISANT',
  'COGNIZANT',
  'DESIROUS',
  'CONVINCED',
  'HAVING',
  'RESOLVED',
  'DETERMINED',
]);

/** Capitalised words that open a sentence but are no verb. */
const NOT_VERBS = new Set(['THE', 'WE', 'OUR', 'THIS', 'THESE', 'THOSE', 'IN', 'ON', 'AT', 'AS', 'BY', 'FOR', 'OF']);

/** The leading words of a clause, without list markers, quotes or punctuation around them. */
function leadingWords(text: string, count: number): string[] {
  return text
    .slice(0, 200)
    .replace(/^[\s"'“‘(]+/, '')
    .split(/\s+/, count)
    .map((word) => word.replace(/[,;:.]+$/, ''));
}

/** A word in capitals: two or more letters, none lower-case ("RECOGNISING", "ADMM-PLUS"). */
export function isCapitalisedWord(word: string): boolean {
  return /^\p{Lu}[\p{Lu}'’-]*\p{Lu}$/u.test(word);
}

/** Opens with a capitalised participle: RECOGNISING, REAFFIRMING, BEARING IN MIND, DEEPLY CONCERNED. */
export function isPreambleOpener(text: string): boolean {
  const words = leadingWords(text, 4);
  const word = words.find((w) => !MODIFIERS.has(w)) ?? '';
  if (!isCapitalisedWord(word)) return false;
  if (PREAMBLE_ADJECTIVES.has(word)) return true;
  // Six letters at least: "BRING" and "NEED" are verbs, not participles.
  if (word.length < 6) return false;
  return word.endsWith('ING') || (word.endsWith('ED') && !word.endsWith('EED'));
}

/** Opens with a capitalised verb: COMMEND, UPHOLD, REAFFIRM (and not a participle). */
export function isOperativeOpener(text: string): boolean {
  const [word = ''] = leadingWords(text, 1);
  return isCapitalisedWord(word) && word.length >= 3 && !NOT_VERBS.has(word) && !isPreambleOpener(text);
}

const LEAD_IN_VERB = /\b(?:hereby|commit|declare|agree|resolve|decide|pledge|adopt|undertake|endorse|affirm|follows?)/i;

/**
 * The line before the operative part: "WE HEREBY COMMIT TO:", "HEREBY DECLARE:", "HAVE AGREED
 * AS FOLLOWS:", "We, the Ministers, do hereby declare:". Short, ends with ":", and says
 * "hereby" or opens in capitals with a verb of commitment.
 */
export function isLeadIn(text: string): boolean {
  if (text.length > 400) return false;
  const trimmed = text.trim();
  if (!trimmed.endsWith(':') || trimmed.split(/\s+/).length > 30) return false;
  if (/\bhereby\b/i.test(trimmed)) return true;
  const [first = ''] = leadingWords(trimmed, 1);
  return isCapitalisedWord(first) && LEAD_IN_VERB.test(trimmed) && trimmed === trimmed.toUpperCase();
}

/** "ADOPTED in Kuala Lumpur ...", "DONE at Jakarta this ...", "Signed in Manila on ...". */
export function isClosingLine(text: string): boolean {
  const trimmed = text.slice(0, 100).trim();
  return (
    /^\p{Lu}/u.test(trimmed) &&
    /^(?:ADOPTED|DONE|SIGNED|ISSUED)(?:\s+(?:AND|&)\s+\p{L}+)?\s+(?:in|at|on|this|by)\b/iu.test(trimmed)
  );
}
