import JSZip from 'jszip';
import { childElements, descendants, readXml, textOf } from './read-xml.ts';

/** One run of a DOCX body as Word reads it: its text, and whether it is bold and struck through. */
export interface DocxRun {
  text: string;
  bold: boolean;
  strike: boolean;
}

/** Each run of a DOCX's body, in order (test support: reads `word/document.xml` back). */
export async function docxRuns(bytes: Uint8Array): Promise<DocxRun[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = readXml((await zip.file('word/document.xml')?.async('string')) ?? '');
  return descendants(xml, 'w:r').map((run) => {
    const props = childElements(run, 'w:rPr')[0];
    return {
      text: textOf(run),
      bold: props !== undefined && childElements(props, 'w:b').length > 0,
      strike: props !== undefined && childElements(props, 'w:strike').length > 0,
    };
  });
}
