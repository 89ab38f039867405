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
];

const MONTH = `(${MONTHS.join('|')})`;
/** "4 December 2024", "4th December, 2024", "this 4th day of December 2024". */
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+day\\s+of)?\\s+${MONTH},?\\s+(\\d{4})\\b`, 'i');
/** "December 4, 2024". */
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;

/**
 * The date a closing line gives ("Adopted in Vientiane, Lao PDR, on 9 October 2024"), as
 * YYYY-MM-DD, or null when it names none or an impossible one. The adoption dialog compares it
 * with the date the chair enters, since the record and the printed line should agree.
 */
export function closingLineDate(text: string): string | null {
  const dayFirst = DAY_MONTH_YEAR.exec(text);
  if (dayFirst !== null) return isoDate(Number(dayFirst[3]), monthOf(dayFirst[2]), Number(dayFirst[1]));
  const monthFirst = MONTH_DAY_YEAR.exec(text);
  if (monthFirst !== null) return isoDate(Number(monthFirst[3]), monthOf(monthFirst[1]), Number(monthFirst[2]));
  const iso = ISO.exec(text);
  if (iso !== null) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}

function monthOf(name: string | undefined): number {
  return MONTHS.indexOf((name ?? '').toLowerCase()) + 1;
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** A date as a closing line prints it: "4 December 2024". */
export function printedDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  const name = MONTHS[(month ?? 1) - 1] ?? '';
  return `${day} ${name.charAt(0).toUpperCase()}${name.slice(1)} ${year}`;
}
