/**
 * How the paragraphs of multilateral texts open, in either case. Preambular paragraphs open
 * with a participle or adjective ("RECOGNISING", "Recalling also", "Noting with concern",
 * "Bearing in mind", "Deeply alarmed", "Convinced"); operative paragraphs with a verb: in
 * capitals in a joint statement ("COMMEND", "UPHOLD"), in the third person in a resolution
 * ("Decides", "Calls upon", "Also requests"); the lead-in ends the part before the operative
 * one with a colon ("WE HEREBY COMMIT TO:", "… have agreed on the following:", "Hereby decide
 * to:"); the closing says where and when the text was adopted, or at which meeting.
 */

/** Words that may come before the participle or verb: "FURTHER RECOGNISING", "Also decides". */
const MODIFIERS = new Set([
  'further',
  'also',
  'deeply',
  'firmly',
  'strongly',
  'fully',
  'equally',
  'and',
  'moreover',
  'gravely',
  'once',
  'again',
  'hereby',
  'urgently',
  'seriously',
  'further,',
]);

/** Preambular openers that are not participles in -ing or -ed. */
const PREAMBLE_ADJECTIVES = new Set([
  'mindful',
  'conscious',
  'aware',
  'cognisant',
  'cognizant',
  'desirous',
  'convinced',
  'having',
  'resolved',
  'determined',
  'concerned',
  'alarmed',
  'guided',
  'bearing',
  'seized',
  'gratified',
]);

/** Participles that open preambular paragraphs whatever follows them ("Recalling General Assembly resolution …"). */
const KNOWN_PARTICIPLES = new Set([
  'recalling',
  'reaffirming',
  'recognizing',
  'recognising',
  'noting',
  'welcoming',
  'acknowledging',
  'emphasizing',
  'emphasising',
  'stressing',
  'expressing',
  'taking',
  'underlining',
  'underscoring',
  'considering',
  'affirming',
  'acting',
  'commending',
  'deploring',
  'condemning',
  'appreciating',
  'highlighting',
  'seeking',
  'committing',
  'desiring',
  'believing',
  'determining',
  'observing',
  'regretting',
  'reiterating',
  'encouraged',
  'pursuant',
]);

/** Capitalised words that open a sentence or a wrapped line but are no participle. */
const NOT_PARTICIPLES = new Set([
  'united',
  'limited',
  'related',
  'indeed',
  'during',
  'including',
  'according',
  'regarding',
  'something',
  'nothing',
  'everything',
  'bring',
  'thing',
  'being',
  'king',
  'spring',
  'morning',
  'evening',
  'wedding',
  'hundred',
]);

/** The verbs a resolution's operative paragraphs open with, whatever follows them ("Urges States …"). */
const KNOWN_VERBS = new Set(
  (
    'decides requests urges calls takes reaffirms reiterates welcomes encourages invites expresses emphasizes ' +
    'emphasises stresses notes recognizes recognises underlines affirms endorses approves authorizes authorises ' +
    'commends acknowledges recommends supports appeals condemns demands deplores appreciates designates adopts ' +
    'proclaims declares agrees determines extends renews regrets rejects reminds insists highlights underscores ' +
    'observes considers concludes confirms directs instructs establishes elects congratulates thanks requests ' +
    'encourages welcomes exhorts pays'
  ).split(' '),
);

/** Capitalised words that open a sentence but are no verb. */
const NOT_VERBS = new Set([
  'the',
  'we',
  'our',
  'this',
  'these',
  'those',
  'in',
  'on',
  'at',
  'as',
  'by',
  'for',
  'of',
  'its',
  'it',
  'is',
  'was',
  'has',
  'thus',
  'us',
  'members',
  'states',
  'parties',
  'nations',
  'leaders',
  'ministers',
  'heads',
  'governments',
  'countries',
  'partners',
  'bodies',
  'always',
  'perhaps',
  'unless',
  'towards',
  'besides',
  'yes',
  'ms',
  'mrs',
  'mr',
  'his',
  'hers',
  'news',
  'progress',
  'access',
  'business',
  'analysis',
  'thanks',
  'sessions',
  'discussions',
  'recommendations',
]);

/** The leading words of a paragraph, without list markers, quotes or punctuation around them. */
export function leadingWords(text: string, count: number): string[] {
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

function isSentenceCase(word: string): boolean {
  return /^\p{Lu}[\p{Ll}'’-]+$/u.test(word);
}

/** How a paragraph opens, in capitals or in sentence case; null when it opens as neither. */
export type OpenerCase = 'capitals' | 'sentence';

function looksLikeParticiple(lower: string): boolean {
  if (NOT_PARTICIPLES.has(lower)) return false;
  if (PREAMBLE_ADJECTIVES.has(lower) || KNOWN_PARTICIPLES.has(lower)) return true;
  // Six letters at least: "BRING" and "NEED" are verbs, not participles.
  if (lower.length < 6) return false;
  return lower.endsWith('ing') || (lower.endsWith('ed') && !lower.endsWith('eed'));
}

/**
 * Opens with a preambular participle or adjective: "RECOGNISING", "BEARING IN MIND", "Recalling
 * also", "Noting with concern", "Deeply alarmed", "Guided by". In sentence case, a participle
 * the family's texts use is enough; another -ing or -ed word counts only before a lower-case
 * word ("Encouraging the …", not "United Nations …").
 */
export function preambleOpener(text: string): OpenerCase | null {
  const words = leadingWords(text, 5);
  // A paragraph opens with a capital: "and RECOGNISING …" goes on from the line before.
  if (!/^\p{Lu}/u.test(words[0] ?? '')) return null;
  const index = words.findIndex((w) => !MODIFIERS.has(w.toLowerCase()));
  const word = words[index] ?? '';
  const lower = word.toLowerCase();
  if (isCapitalisedWord(word)) return looksLikeParticiple(lower) ? 'capitals' : null;
  const first = words[0] ?? '';
  if (!isSentenceCase(first) && !isSentenceCase(word)) return null;
  if (!/^\p{Ll}+$/u.test(lower.replace(/['’-]/g, ''))) return null;
  if (index > 0 && !isSentenceCase(first)) return null;
  if (KNOWN_PARTICIPLES.has(lower) || PREAMBLE_ADJECTIVES.has(lower)) return 'sentence';
  // "Community-building process" is a compound noun, not a participle.
  if (lower.includes('-') || !looksLikeParticiple(lower)) return null;
  const next = words[index + 1] ?? '';
  return next === '' || /^\p{Ll}/u.test(next) ? 'sentence' : null;
}

/** Opens with a preambular participle or adjective, in either case. */
export function isPreambleOpener(text: string): boolean {
  return preambleOpener(text) !== null;
}

/**
 * Opens with an operative verb: in capitals ("COMMEND", "UPHOLD", "FURTHER PROMOTE"), or in
 * the third person of a resolution ("Decides", "Takes note", "Calls upon", "Also requests",
 * "Once again urges"), then a lower-case word.
 */
export function operativeOpener(text: string): OpenerCase | null {
  const words = leadingWords(text, 5);
  if (!/^\p{Lu}/u.test(words[0] ?? '')) return null;
  const index = words.findIndex((w) => !MODIFIERS.has(w.toLowerCase()));
  const word = words[index] ?? '';
  const lower = word.toLowerCase();
  if (isCapitalisedWord(word)) {
    return word.length >= 3 && !NOT_VERBS.has(lower) && !looksLikeParticiple(lower) ? 'capitals' : null;
  }
  const first = words[0] ?? '';
  if (!isSentenceCase(first)) return null;
  if (!/^\p{Ll}{3,}s$/u.test(lower) || NOT_VERBS.has(lower) || lower.endsWith('ss') || lower.endsWith('ous'))
    return null;
  if (KNOWN_VERBS.has(lower)) return 'sentence';
  const next = words[index + 1] ?? '';
  return next === '' || /^\p{Ll}/u.test(next) ? 'sentence' : null;
}

/** Opens with an operative verb, in either case. */
export function isOperativeOpener(text: string): boolean {
  return operativeOpener(text) !== null;
}

/**
 * The line before the operative part: "WE HEREBY COMMIT TO:", "HEREBY DECLARE:", "HAVE AGREED
 * AS FOLLOWS:", "We, the Ministers, do hereby declare:", and the end of a long chapeau "…,
 * have agreed on the following:", "… declare the following:", "Hereby decide to:". It ends with
 * a colon after "hereby", "the following", "as follows" or a verb of commitment (and "to" or
 * "that"); a capitalised colon line ("RECOMMENDATIONS:") or a paragraph that introduces its own
 * list ("… the outcomes are:") is none.
 */
export function isLeadIn(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.endsWith(':') || trimmed.length > 3000) return false;
  const tail = trimmed.slice(-160);
  const lastSentence = tail.slice(Math.max(tail.lastIndexOf('. '), tail.lastIndexOf('; ')) + 1);
  if (/\bhereby\b/i.test(lastSentence)) return true;
  if (/\b(?:the\s+following|as\s+follows)(?:\s+\p{L}+){0,2}\s*:$/iu.test(tail)) return true;
  return /\b(?:commit|declare|agree|resolve|decide|pledge|undertake|endorse|affirm|adopt)(?:s|d|ed)?(?:\s+(?:to|that|on|upon|as\s+follows))?\s*:$/iu.test(
    tail,
  );
}

/**
 * The closing line, in either case: "ADOPTED in Kuala Lumpur …", "Done at Jakarta, this …",
 * "Signed at Manila on …", "ISSUED in …", and a resolution's "45th plenary meeting".
 */
export function isClosingLine(text: string): boolean {
  const trimmed = text.slice(0, 100).trim();
  if (isMeetingLine(trimmed)) return true;
  return /^(?:ADOPTED|DONE|SIGNED|ISSUED|Adopted|Done|Signed|Issued)(?:\s+(?:AND|and|&)\s+\p{L}+)?\s+(?:in|at|on|this|by|IN|AT|ON|THIS|BY)\b/u.test(
    trimmed,
  );
}

/** A resolution's closing: "45th plenary meeting", "9512th meeting". */
export function isMeetingLine(text: string): boolean {
  return /^\d{1,5}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting\b/i.test(text.trim());
}
