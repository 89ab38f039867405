import JSZip from 'jszip';

/** A paragraph of a test document: its text, a paragraph style, a Word list level, or a table. */
export type DocxBlock =
  | { text: string; style?: string; list?: { level: number; ordered?: boolean } }
  | { table: string[][] };

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/**
 * Builds a real, minimal .docx for tests, as Word lays one out: `[Content_Types].xml`,
 * `_rels/.rels`, `word/document.xml`, and `word/numbering.xml` with one decimal/lettered/roman
 * list when a paragraph is a list item (ordered lists use numId 1, bullets numId 2). Word keeps
 * a list item's number out of its text, in the list style, exactly as here.
 */
export async function buildDocx(blocks: readonly DocxBlock[]): Promise<Uint8Array> {
  const zip = new JSZip();
  const hasLists = blocks.some((block) => 'text' in block && block.list !== undefined);
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>${hasLists ? '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>' : ''}</Types>`,
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${blocks.map(blockXml).join('')}</w:body></w:document>`,
  );
  if (hasLists) zip.file('word/numbering.xml', NUMBERING_XML);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

function blockXml(block: DocxBlock): string {
  if ('table' in block) {
    const rows = block.table.map(
      (cells) => `<w:tr>${cells.map((cell) => `<w:tc>${paragraphXml(cell)}</w:tc>`).join('')}</w:tr>`,
    );
    return `<w:tbl>${rows.join('')}</w:tbl>`;
  }
  const properties = [
    block.style === undefined ? '' : `<w:pStyle w:val="${block.style}"/>`,
    block.list === undefined
      ? ''
      : `<w:numPr><w:ilvl w:val="${block.list.level}"/><w:numId w:val="${block.list.ordered === false ? 2 : 1}"/></w:numPr>`,
  ].join('');
  return paragraphXml(block.text, properties);
}

function paragraphXml(text: string, properties = ''): string {
  const runs = text
    .split('\t')
    .map((part) => `<w:t xml:space="preserve">${escapeXml(part)}</w:t>`)
    .join('<w:tab/>');
  return `<w:p>${properties === '' ? '' : `<w:pPr>${properties}</w:pPr>`}<w:r>${runs}</w:r></w:p>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const level = (ilvl: number, format: string, text: string) =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/></w:lvl>`;

const NUMBERING_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="0">${level(0, 'decimal', '%1.')}${level(1, 'lowerLetter', '%2.')}${level(2, 'lowerRoman', '%3.')}</w:abstractNum><w:abstractNum w:abstractNumId="1">${level(0, 'bullet', '•')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`;
