/** A date found in a text: its ISO form and where it was written. */
export interface FoundDate {
  iso: string;
  index: number;
  length: number;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;
const MONTH = `(${MONTHS.join('|')}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?`;

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
};

const NUMBER_WORD = `(?:${[...Object.keys(UNITS), ...Object.keys(TENS), 'hundred', 'thousand'].join('|')})`;
const ORDINAL_WORD = `(?:(?:twenty|thirty)[\\s-]+)?(?:${Object.keys(ORDINALS).join('|')})`;
/** "Two Thousand and Twenty-Five": number words joined by spaces, hyphens and "and". */
const YEAR_WORDS = `${NUMBER_WORD}(?:(?:[\\s-]+|\\s+and\\s+)${NUMBER_WORD})*`;
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';

/** Each way a date is written, with how to read its parts; the earliest match in a text wins. */
const PATTERNS: Array<{ regex: RegExp; read: (m: RegExpExecArray) => [number | null, number | null, number | null] }> =
  [
    // 2025-11-01
    {
      regex: /\b(\d{4})-(\d{2})-(\d{2})\b/giu,
      read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
    },
    // the First Day of November in the Year Two Thousand and Twenty-Five; this 8th day of May, 2025;
    // the Sixth of September in the Year Two Thousand and Twenty-Three; on this twelfth day of May
    {
      regex: new RegExp(
        `\\b(?:(?:the|this)\\s+)?(${ORDINAL_WORD}|\\d{1,2}(?:st|nd|rd|th)?)\\s+(?:day\\s+)?of\\s+${MONTH}(?:,?\\s+(?:in\\s+)?(?:the\\s+)?(?:year\\s+)?(?:of\\s+our\\s+lord\\s+)?(\\d{4}|${YEAR_WORDS}))?\\b`,
        'giu',
      ),
      read: (m) => [m[3] === undefined ? null : readYear(m[3]), monthNumber(m[2] ?? ''), readDay(m[1] ?? '')],
    },
    // 1 November 2025; 1st November, 2025; 18th – 21st September 2024 (the first day); 29 August – 1 September 2025
    {
      regex: new RegExp(
        `\\b${DAY}(?:\\s*(?:[-–—]|to)\\s*\\d{1,2}(?:st|nd|rd|th)?)?(?:\\s+of)?\\s+${MONTH}(?:\\s*(?:[-–—]|to)\\s*\\d{1,2}(?:st|nd|rd|th)?\\s+[a-z]+\\.?)?,?\\s+(\\d{4})\\b`,
        'giu',
      ),
      read: (m) => [Number(m[3]), monthNumber(m[2] ?? ''), Number(m[1])],
    },
    // November 1, 2025; November 1st 2025
    {
      regex: new RegExp(
        `\\b${MONTH}\\s+${DAY}(?:\\s*(?:[-–—]|to)\\s*\\d{1,2}(?:st|nd|rd|th)?)?,?\\s+(\\d{4})\\b`,
        'giu',
      ),
      read: (m) => [Number(m[3]), monthNumber(m[1] ?? ''), Number(m[2])],
    },
  ];

/**
 * The first date written in `text`, in any of the forms a statement uses: "1 November 2025",
 * "November 1, 2025", "2025-11-01", "the First Day of November in the Year Two Thousand and
 * Twenty-Five", "the Sixth of September in the Year Two Thousand and Twenty-Three", "this 8th
 * day of May, 2025", "the 12th of May 2024", "May 12, 2024"; a range ("18th – 21st September
 * 2024") gives its first day. A date written without its year ("on this twelfth day of May")
 * takes `yearIfMissing` when given. Null when there is none or it is not a real calendar day.
 */
export function findDate(text: string, yearIfMissing: number | null = null): FoundDate | null {
  // Every form but the yearless one writes a year in digits or in words.
  if (yearIfMissing === null && !/\d{4}|thousand|hundred/i.test(text)) return null;
  let best: FoundDate | null = null;
  for (const { regex, read } of PATTERNS) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      if (best !== null && m.index >= best.index) break;
      const [year, month, day] = read(m);
      const iso = isoDate(year ?? yearIfMissing, month, day);
      if (iso !== null) {
        best = { iso, index: m.index, length: m[0].length };
        break;
      }
    }
  }
  return best;
}

/** The ISO date of a text that is a date and little else (a date line), or null. */
export function parseDate(text: string): string | null {
  return findDate(text)?.iso ?? null;
}

function monthNumber(word: string): number | null {
  const prefix = word.toLowerCase().replace('.', '').slice(0, 3);
  const index = MONTHS.findIndex((month) => month.startsWith(prefix));
  return index === -1 ? null : index + 1;
}

function readDay(word: string): number | null {
  const digits = /^(\d{1,2})/.exec(word);
  if (digits !== null) return Number(digits[1]);
  let total = 0;
  for (const part of word.toLowerCase().split(/[\s-]+/)) {
    const value = TENS[part] ?? ORDINALS[part];
    if (value === undefined) return null;
    total += value;
  }
  return total;
}

/** "Two Thousand and Twenty-Five" → 2025; "nineteen hundred and ninety-nine" → 1999. */
function readYear(words: string): number | null {
  if (/^\d{4}$/.test(words)) return Number(words);
  let total = 0;
  let group = 0;
  for (const part of words.toLowerCase().split(/[\s-]+/)) {
    if (part === 'and' || part === '') continue;
    if (part === 'thousand') {
      total += Math.max(group, 1) * 1000;
      group = 0;
    } else if (part === 'hundred') {
      group = Math.max(group, 1) * 100;
    } else {
      const value = UNITS[part] ?? TENS[part];
      if (value === undefined) return null;
      group += value;
    }
  }
  return total + group;
}

function isoDate(year: number | null, month: number | null, day: number | null): string | null {
  if (year === null || month === null || day === null) return null;
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return null;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > lastDay) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A line that is a date and little else: "1 November 2025", "Kuala Lumpur, 1 November 2025",
 * "November 16-17, 2023". A wrapped piece of a clause that holds a date ("Viet Nam, on 12
 * October 2010, which marked") has other words in lower case around it.
 */
export function isDateLine(text: string): boolean {
  const found = text.length <= 80 && !text.endsWith(';') ? findDate(text) : null;
  if (found === null) return false;
  const others = `${text.slice(0, found.index)} ${text.slice(found.index + found.length)}`
    .split(/[\s,.;:()–—-]+/)
    .filter((word) => word !== '');
  return others.length <= 6 && others.every((word) => /^(?:\p{Lu}|\d|on|of|in|at|the|and)/u.test(word));
}
