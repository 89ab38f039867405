import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { delegationName } from '../../shared/delegation-names.ts';
import type { ChangeAuthor, ClauseComparison, Comparison } from '../../shared/schemas/versions.ts';
import { escapeXml } from './escape-xml.ts';

/**
 * A compare as a presidency compromise text: new words in bold, deleted words struck through,
 * as real runs (Word's `<w:b/>` and `<w:strike/>`, HTML's `<strong>` and `<s>`), never symbols,
 * with the legend in words at the top.
 */
const LEGEND = 'New text is in bold. Deleted text is struck through. Unchanged text is plain.';

function titleOf(comparison: Comparison, draftTitle: string): string {
  const to = comparison.to === null ? 'the text as of now' : `version ${comparison.to.n}, ${comparison.to.label}`;
  return `${draftTitle}: changes from version ${comparison.from.n}, ${comparison.from.label}, to ${to}`;
}

function authorName(author: ChangeAuthor): string {
  if (author.delegation !== null) return delegationName(author.delegation);
  return author.role === 'server' ? 'the server' : `the ${author.role}`;
}

/** "paragraph 2 (new)", "paragraph 3 (moved, was paragraph 1)": how a clause is headed. */
function headingOf(clause: ClauseComparison): string {
  const notes: string[] = [];
  if (clause.change === 'added') notes.push('new');
  if (clause.change === 'deleted') notes.push('deleted');
  if (clause.moved) notes.push(`moved, was ${clause.fromLabel ?? 'elsewhere'}`);
  if (clause.authors.length > 0) notes.push(`changed by ${clause.authors.map(authorName).join(', ')}`);
  const label = clause.label.charAt(0).toUpperCase() + clause.label.slice(1);
  return notes.length === 0 ? label : `${label} (${notes.join('; ')})`;
}

export function compareHtml(comparison: Comparison, draftTitle: string): string {
  const title = escapeXml(titleOf(comparison, draftTitle));
  const clauses = comparison.clauses
    .map((clause) => {
      const words = clause.parts
        .map((part) => {
          const text = escapeXml(part.text);
          if (part.op === 'inserted') return `<strong>${text}</strong>`;
          if (part.op === 'deleted') return `<s>${text}</s>`;
          return text;
        })
        .join('');
      return `<section><h2>${escapeXml(headingOf(clause))}</h2><p>${words}</p></section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:"Times New Roman",serif;max-width:42rem;margin:2rem auto}p{white-space:pre-wrap}h2{font-size:1rem}</style>
</head>
<body>
<h1>${title}</h1>
<p><em>${escapeXml(LEGEND)}</em></p>
${clauses}
</body>
</html>
`;
}

export async function compareDocx(comparison: Comparison, draftTitle: string): Promise<Uint8Array<ArrayBuffer>> {
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: titleOf(comparison, draftTitle), bold: true })],
    }),
    new Paragraph({ children: [new TextRun({ text: LEGEND, italics: true })] }),
  ];
  for (const clause of comparison.clauses) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(headingOf(clause))] }));
    children.push(
      new Paragraph({
        children: clause.parts.flatMap((part) =>
          part.text.split('\n').map(
            (line, i) =>
              new TextRun({
                text: line,
                ...(i > 0 ? { break: 1 } : {}),
                ...(part.op === 'inserted' ? { bold: true } : {}),
                ...(part.op === 'deleted' ? { strike: true } : {}),
              }),
          ),
        ),
      }),
    );
  }
  const document = new Document({
    title: titleOf(comparison, draftTitle),
    creator: 'Mufakat',
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
