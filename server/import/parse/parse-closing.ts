import { isMeetingLine } from '../clean/clause-openers.ts';
import { findDate } from './parse-english-date.ts';

export interface ClosingParts {
  place: string | null;
  date: string | null;
}

/** "in Kuala Lumpur" / "at Jakarta": the preposition and a capitalised place. */
const PLACE_START = /\b(?:in|at)\s+(?=\p{Lu})/gu;
/** Where a place stops: ", on", " this", ", in a single copy", the end of the sentence. */
const PLACE_END = /,?\s+(?:on|this)\b|,\s+in\s+(?:a|an|the|one|two|three|four|five|six|\d)\b|[.;]\s*$|\n/;

/**
 * The place and date of a closing line: "ADOPTED in Kuala Lumpur, Malaysia on the First Day of
 * November in the Year Two Thousand and Twenty-Five, in a single original copy ..." gives
 * "Kuala Lumpur, Malaysia" and 2025-11-01; "DONE at Jakarta, Indonesia, this 8th day of May
 * 2025" and "Adopted on 1 November 2025 in Manila, the Philippines." work too; a resolution's
 * "40th plenary meeting / 14 November 2025" names no place. A date written without its year
 * takes `yearIfMissing`. Either is null when it is not there.
 */
export function parseClosing(text: string, yearIfMissing: number | null = null): ClosingParts {
  if (isMeetingLine(text)) return { place: null, date: findDate(text, yearIfMissing)?.iso ?? null };
  const found = findDate(text, yearIfMissing);
  return {
    place: findPlace(text, found?.index ?? -1, found === null ? -1 : found.index + found.length),
    date: found?.iso ?? null,
  };
}

function findPlace(text: string, dateStart: number, dateEnd: number): string | null {
  PLACE_START.lastIndex = 0;
  for (let m = PLACE_START.exec(text); m !== null; m = PLACE_START.exec(text)) {
    const start = m.index + m[0].length;
    // "in the Year Two Thousand" is part of the date, not a place.
    if (dateStart !== -1 && start > dateStart && start < dateEnd) continue;
    let rest = text.slice(start);
    if (dateStart > start) rest = rest.slice(0, dateStart - start);
    const end = PLACE_END.exec(rest);
    const place = (end === null ? rest : rest.slice(0, end.index))
      .replace(/[\s,]+$/, '')
      .replace(/\s+(?:on|this)$/i, '');
    if (place !== '') return place;
  }
  return null;
}
