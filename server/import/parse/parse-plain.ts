import type { ImportedChairsReport, ImportedSection } from '../../../shared/schemas/import.ts';
import { endsSentence, isSubItem } from './line-markers.ts';
import type { SourceLine } from './read-lines.ts';
import { TextBuilder, wrapSeparator } from './text-builder.ts';

export const PLAIN_TEXT_NOTICE =
  'No joint statement or chair’s report was recognised (no preambular clauses, lead-in or numbered paragraphs): each block of text became one paragraph. Check the clauses and their kinds before creating the draft.';

/**
 * Text without a recognisable structure, as a chair's report's shape: one paragraph per block
 * of text (blocks are separated by blank lines), a Markdown `#` title and `##` headings kept as
 * such, and a notice in the warnings. Wrapped lines are joined; a line after a finished
 * sentence, or a list item, stays on a line of its own inside the paragraph.
 */
export function parsePlain(lines: readonly SourceLine[]): ImportedChairsReport {
  let title = '';
  const sections: ImportedSection[] = [{ heading: '', paragraphs: [] }];
  let paragraph: TextBuilder | null = null;
  const flush = () => {
    if (paragraph !== null) sections.at(-1)?.paragraphs.push(paragraph.toString());
    paragraph = null;
  };
  for (const line of lines) {
    if (line.heading > 0) {
      flush();
      const untouched = sections.length === 1 && sections[0]?.paragraphs.length === 0;
      if (line.heading === 1 && title === '' && untouched) title = line.text;
      else sections.push({ heading: line.text, paragraphs: [] });
    } else if (paragraph === null || line.blankBefore) {
      flush();
      paragraph = new TextBuilder(line.text);
    } else {
      const end = paragraph.tail();
      const ownLine = line.bullet || isSubItem(line.text) || endsSentence(end);
      paragraph.append((ownLine ? '\n' : wrapSeparator(end)) + line.text);
    }
  }
  flush();
  const first = sections[0];
  if (first !== undefined && first.paragraphs.length === 0 && sections.length > 1) sections.shift();
  return { kind: 'chairs-report', title, sections, warnings: [PLAIN_TEXT_NOTICE] };
}
