import { decodeEntities } from './clean/strip-markdown.ts';

/**
 * The text of the HTML that mammoth writes for a .docx, laid out for the import parsers:
 * one paragraph or heading per block with a blank line between, table rows as tab-separated
 * cells, line breaks kept (the line after one indented, so that it stays in its paragraph),
 * footnote references removed and the footnotes themselves written
 * as Markdown definitions (`[^1]: text`), which the parser leaves out with a warning.
 * Mammoth's HTML is small and regular (it escapes `&`, `<`, `>`, `"`), so a tokenizer of tags
 * and text is enough; this is not a general HTML reader.
 */
export function docxHtmlToText(html: string): string {
  let out = '';
  let cell: string | null = null;
  let row: string[] = [];
  let tableDepth = 0;
  let skipping = false;
  let superscript = 0;
  // Just after a footnote reference: a superscript ", " there separates it from the next one.
  let afterNoteRef = false;
  const write = (text: string) => {
    if (cell !== null) cell += text;
    else out += text;
  };

  for (const [, closing, rawName, attributes, text] of html.matchAll(/<(\/?)([a-zA-Z0-9]+)([^>]*)>|([^<]+)/g)) {
    if (text !== undefined) {
      const separator = afterNoteRef && superscript > 0 && /^[\s,]*$/.test(text);
      if (!skipping && !separator) write(decodeEntities(text));
      if (!skipping) afterNoteRef = false;
      continue;
    }
    const name = (rawName ?? '').toLowerCase();
    const isClosing = closing === '/';
    const href = /\bhref="([^"]*)"/.exec(attributes ?? '')?.[1] ?? '';
    const id = /\bid="([^"]*)"/.exec(attributes ?? '')?.[1] ?? '';
    if (name === 'a') {
      // A footnote reference ("[1]") and a footnote's way back ("↑") are no text of the document.
      if (!isClosing && /^#(?:footnote|endnote)-/.test(href)) skipping = true;
      if (isClosing && skipping) afterNoteRef = true;
      if (isClosing) skipping = false;
    } else if (name === 'sup') {
      superscript = Math.max(0, superscript + (isClosing ? -1 : 1));
    } else if (name === 'table') {
      tableDepth += isClosing ? -1 : 1;
      if (isClosing && tableDepth === 0) out += '\n';
    } else if (name === 'tr' && tableDepth === 1) {
      if (isClosing) out += `${row.join('\t')}\n`;
      row = [];
    } else if ((name === 'td' || name === 'th') && tableDepth === 1) {
      if (isClosing) row.push((cell ?? '').replace(/\s+/g, ' ').trim());
      cell = isClosing ? null : '';
    } else if (name === 'br') {
      // A line break inside a Word paragraph keeps the line in that paragraph: indented, as a list item's lines are.
      write(cell === null ? '\n  ' : ' ');
    } else if (name === 'li' && !isClosing && /^(?:footnote|endnote)-/.test(id)) {
      write(`[^${id.replace(/^(?:footnote|endnote)-/, '')}]: `);
    } else if (isClosing && /^(?:p|h[1-6]|li)$/.test(name)) {
      write(cell === null ? '\n\n' : ' ');
    }
  }
  return out;
}
