import { findDate } from '../parse/parse-english-date.ts';
import type { ClauseList, Item } from './clause-list.ts';
import type { ParagraphFeatures } from './paragraph-features.ts';

/** What comes before the first clause: the title, the date and place of the meeting, what is left over. */
export interface FrontMatter {
  title: string;
  date: string | null;
  place: string | null;
  /** Front paragraphs that are neither title nor date line: the chapeau, a theme, a venue. */
  rest: ParagraphFeatures[];
}

/**
 * Reads the title block: a Markdown `#` title, a resolution's "80/7. Title" line, or else the
 * first paragraph; a resolution's masthead ("Distr.: General", "Agenda item 89", "Resolution
 * adopted by the General Assembly on …") and date lines are left out (kept as dropped lines),
 * and give the date (the adoption date before any other) and the place. Dropped pieces among
 * them are recorded where they stood.
 */
export function readFrontMatter(front: readonly Item[], list: ClauseList, titleless = false): FrontMatter {
  const paragraphs = front.flatMap((item) => (item.kind === 'paragraph' ? [item.f] : []));
  const titleAt =
    paragraphs.findIndex((f) => f.heading === 1) !== -1
      ? paragraphs.findIndex((f) => f.heading === 1)
      : paragraphs.findIndex((f) => f.resolutionTitle !== null) !== -1
        ? paragraphs.findIndex((f) => f.resolutionTitle !== null)
        : titleless
          ? -1
          : paragraphs.findIndex((f) => !isMeta(f));
  const titleFeatures = titleAt === -1 ? undefined : paragraphs[titleAt];
  let title = '';
  if (titleFeatures !== undefined) title = oneLine(titleFeatures.resolutionTitle ?? titleFeatures.paragraph.text);

  let date: string | null = null;
  let adoptionDate: string | null = null;
  let place: string | null = null;
  const rest: ParagraphFeatures[] = [];
  let adoptedWithoutDate = false;
  const besideDateLine = (f: ParagraphFeatures) => {
    const at = paragraphs.indexOf(f);
    return [paragraphs[at - 1], paragraphs[at + 1]].some((n) => n?.dateLine === true && n.words <= 12);
  };
  for (const item of front) {
    if (item.kind === 'dropped') {
      list.drop(item.text, item.reason);
      continue;
    }
    const f = item.f;
    if (f === titleFeatures) continue;
    if (isMeta(f)) {
      const found = findDate(f.paragraph.text);
      const adopted = /\badopted\b/i.test(f.paragraph.text);
      if (found !== null && (adopted || adoptedWithoutDate)) adoptionDate ??= found.iso;
      else if (found !== null && f.dateLine) {
        date ??= found.iso;
        const before = f.paragraph.text
          .slice(0, found.index)
          .replace(/[\s,;:–—-]+$/, '')
          .replace(/^on\s*/i, '');
        if (before !== '' && /^\p{Lu}/u.test(before) && !f.documentHeader) place ??= oneLine(before);
      }
      // "Resolution adopted by the General Assembly" with its date on the next line.
      adoptedWithoutDate = adopted && found === null;
      list.drop(f.paragraph.text, 'document-header');
      continue;
    }
    if (isPlaceLine(f.paragraph.text) && besideDateLine(f)) {
      place ??= oneLine(f.paragraph.text);
      list.drop(f.paragraph.text, 'document-header');
      continue;
    }
    const lines = f.paragraph.text.split('\n');
    const dateLine = lines.findIndex((line) => findDate(line) !== null && line.length <= 80);
    if (lines.length > 1 && dateLine !== -1) {
      date ??= findDate(lines[dateLine] ?? '')?.iso ?? null;
      const other = lines.filter((_, i) => i !== dateLine);
      if (other.length === 1 && isPlaceLine(other[0] ?? '')) {
        place ??= other[0] ?? null;
        list.drop(f.paragraph.text, 'document-header');
        continue;
      }
    }
    rest.push(f);
  }
  return { title, date: adoptionDate ?? date, place, rest };
}

/** A masthead line, a date line, a resolution's number and title: never a clause. */
export function isMeta(f: ParagraphFeatures): boolean {
  return f.documentHeader || (f.dateLine && f.words <= 12);
}

/** "San Francisco, California", "Kuala Lumpur, Malaysia": a short line of capitalised words. */
function isPlaceLine(line: string): boolean {
  const words = line.trim().split(/\s+/);
  return (
    words.length <= 8 && !/[.;:]$/.test(line) && words.every((w) => /^(?:\p{Lu}|of|the|and|de|da|du|–|-)/u.test(w))
  );
}

export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
