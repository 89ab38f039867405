import mammoth from 'mammoth';
import { docxHtmlToText } from './docx-html-to-text.ts';

/** The parts of mammoth's document tree this module reads; mammoth does not export its types. */
interface DocxNode {
  type?: string;
  value?: string;
  children?: DocxNode[];
  styleId?: string | null;
  styleName?: string | null;
  numbering?: { isOrdered: boolean; level: string } | null;
}

/**
 * The text of a .docx for the import parsers. Word keeps the numbers of a numbered list
 * ("1.", "a.") out of the text: they live in the list style, and mammoth's raw text drops them.
 * A chair's report whose paragraphs Word numbers would lose every paragraph number, so each
 * list paragraph gets its number written in front of it: "1." at the first level (counted
 * through the whole document, as a report's paragraphs are), "a." at the second, "i." at the
 * third, "(a)" below; bullets become "- ". Paragraphs in a Title or Heading style become
 * Markdown headings ("# ", "## ") so the parsers see them as headings. The actual format of
 * Word's numbers ("(a)" rather than "a.") is not known to mammoth; the scheme above is the
 * usual one of statements and reports.
 */
export async function docxToText(bytes: Uint8Array): Promise<string> {
  const result = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    {
      transformDocument: (document: unknown) => numberParagraphs(document as DocxNode),
      // Images are no text; mammoth would otherwise inline each one as base64.
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
    },
  );
  return docxHtmlToText(result.value);
}

function numberParagraphs(document: DocxNode): DocxNode {
  const counters: number[] = [];
  const visit = (node: DocxNode) => {
    if (node.type === 'paragraph') {
      const prefix = paragraphPrefix(node, counters);
      if (prefix !== '' && prependText(node, prefix)) node.numbering = null;
      return;
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(document);
  return document;
}

function paragraphPrefix(paragraph: DocxNode, counters: number[]): string {
  const headingLevel = headingLevelOf(paragraph);
  if (headingLevel > 0) return `${'#'.repeat(headingLevel)} `;
  const numbering = paragraph.numbering;
  if (numbering === null || numbering === undefined) return '';
  if (!numbering.isOrdered) return '- ';
  const level = Math.min(Number(numbering.level) || 0, 8);
  const count = (counters[level] ?? 0) + 1;
  counters[level] = count;
  counters.length = level + 1;
  if (level === 0) return `${count}. `;
  if (level === 1) return `${letters(count)}. `;
  if (level === 2) return `${roman(count)}. `;
  return `(${letters(count)}) `;
}

function headingLevelOf(paragraph: DocxNode): number {
  const name = `${paragraph.styleName ?? ''}|${paragraph.styleId ?? ''}`;
  if (/(?:^|\|)title(?:$|\|)/i.test(name)) return 1;
  const heading = /(?:^|\|)heading ?([1-6])(?:$|\|)/i.exec(name);
  return heading === null ? 0 : Number(heading[1]);
}

/** Writes `prefix` before the paragraph's first text; false when it has no text at all. */
function prependText(node: DocxNode, prefix: string): boolean {
  if (node.type === 'text' && typeof node.value === 'string') {
    node.value = prefix + node.value;
    return true;
  }
  return (node.children ?? []).some((child) => prependText(child, prefix));
}

/** 1 → a, 26 → z, 27 → aa: the lettering of sub-items. */
function letters(n: number): string {
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const numerals: Array<[number, string]> = [
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let rest = Math.min(n, 39);
  let out = '';
  for (const [value, numeral] of numerals) {
    while (rest >= value) {
      out += numeral;
      rest -= value;
    }
  }
  return out;
}
