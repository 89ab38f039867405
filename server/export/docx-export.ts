import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  type ParagraphChild,
  TextRun,
} from 'docx';
import { TextWatermark } from 'docx/watermarks';
import { isBold, isItalic, isPlain, isUnderlined } from '../../shared/clause-runs.ts';
import { commentsAnnexParagraphs } from './comments-annex.ts';
import { escapeXml } from './escape-xml.ts';
import { alternativeLine } from './export-alternatives.ts';
import type { ExportClause, ExportModel } from './export-model.ts';
import { runLines, withItalicOpening } from './inline-spans.ts';
import { DRAFT_MARKER } from './markdown-export.ts';
import { setZipEntryDates } from './zip-entry-dates.ts';

const OPERATIVE_NUMBERING = 'operative-paragraphs';
const FONT = 'Times New Roman';
/** Spacing and indents in twentieths of a point, font sizes in half-points. */
const SPACE_AFTER = 200;
const HANGING = 567;

/**
 * The draft as a Word document with the structure of the HTML export: centred bold title, the
 * date, justified paragraphs (a resolution's preambular and operative paragraphs opening in
 * italics; the clauses' bold, italic and underline as runs of their own), operative clauses (and a report's paragraphs) in a real Word
 * numbering with a hanging indent, reservations as real footnotes, "DRAFT — not adopted" as a
 * watermark on every page before adoption and the adoption hash after.
 *
 * Deterministic for an adopted text: the package's dates (docProps/core.xml and each zip entry's
 * own date, which `docx` takes from the clock) are set to the adoption time.
 */
export async function writeDocx(model: ExportModel): Promise<Uint8Array> {
  const document = new Document({
    title: model.title,
    creator: 'Mufakat',
    lastModifiedBy: 'Mufakat',
    description: describe(model),
    revision: 1,
    styles: STYLES,
    numbering: NUMBERING,
    footnotes: Object.fromEntries(
      model.notes.map((note) => [
        note.number,
        // The space keeps the footnote's text off its number, as Word's own footnotes do.
        { children: [new Paragraph({ style: 'FootnoteText', children: [new TextRun(` ${note.text}`)] })] },
      ]),
    ),
    sections: [
      {
        properties: { page: A4_PAGE },
        ...(model.adoption === null ? { headers: { default: draftHeader() } } : {}),
        children: bodyParagraphs(model),
      },
    ],
  });
  const packed = await Packer.toBuffer(document, false, [{ path: 'docProps/core.xml', data: coreXml(model) }]);
  return setZipEntryDates(new Uint8Array(packed), new Date(model.asOf));
}

/** A4 with 25 mm margins (22 mm at the foot), in twentieths of a point. */
const A4_PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: 1418, bottom: 1247, left: 1418, right: 1418 },
};

const STYLES = {
  default: {
    document: {
      run: { font: FONT, size: 24 },
      paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: { after: SPACE_AFTER, line: 276 } },
    },
    // Word's own heading is blue Calibri; a published statement's is the body font, bold.
    heading2: {
      run: { font: FONT, size: 24, bold: true, color: '000000' },
      paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
    },
    footnoteText: {
      run: { font: FONT, size: 20 },
      paragraph: { alignment: AlignmentType.LEFT, spacing: { after: 60, line: 240 } },
    },
  },
};

const NUMBERING = {
  config: [
    {
      reference: OPERATIVE_NUMBERING,
      levels: [
        {
          level: 0,
          format: LevelFormat.DECIMAL,
          text: '%1.',
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: HANGING, hanging: HANGING } } },
        },
      ],
    },
  ],
};

function describe(model: ExportModel): string {
  return model.adoption === null ? DRAFT_MARKER : `Adopted text, SHA-256 ${model.adoption.textHash}`;
}

function bodyParagraphs(model: ExportModel): Paragraph[] {
  const { adoption } = model;
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: adoption === null ? 360 : 120 },
      children: [new TextRun({ text: model.title, bold: true })],
    }),
  ];
  if (adoption !== null) {
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, text: adoption.dateText }));
  }
  for (const clause of model.clauses) {
    children.push(clauseParagraph(clause));
    for (const alternative of clause.alternatives ?? []) {
      children.push(
        new Paragraph({
          indent: { left: 720 },
          spacing: { after: SPACE_AFTER },
          children: lines(alternativeLine(alternative)),
        }),
      );
    }
  }
  if (model.adoptionLine !== null) {
    children.push(new Paragraph({ spacing: { before: 240, after: SPACE_AFTER }, children: lines(model.adoptionLine) }));
  }
  if (adoption !== null) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.LEFT,
        spacing: { before: 480 },
        children: [
          new TextRun({
            text: `Adopted in ${adoption.place} on ${adoption.dateText}. SHA-256 of the adopted text:`,
            size: 16,
          }),
          new TextRun({ text: adoption.textHash, size: 16, font: 'Courier New', break: 1 }),
          ...(adoption.silenceLine === undefined
            ? []
            : [new TextRun({ text: adoption.silenceLine, size: 16, break: 1 })]),
        ],
      }),
    );
  }
  if (model.commentsAnnex !== undefined) children.push(...commentsAnnexParagraphs(model.commentsAnnex));
  return children;
}

function clauseParagraph(clause: ExportClause): Paragraph {
  const opener = clause.opener !== null && clause.text.startsWith(clause.opener) ? clause.opener : '';
  const words = isPlain(clause.runs)
    ? [
        ...(opener === '' ? [] : [new TextRun({ text: opener, italics: true })]),
        ...lines(clause.text.slice(opener.length)),
      ]
    : formattedLines(clause, opener.length);
  const children: ParagraphChild[] = [...words, ...noteReferences(clause.notes)];
  if (clause.kind === 'heading') {
    return new Paragraph({ heading: HeadingLevel.HEADING_2, alignment: AlignmentType.LEFT, children });
  }
  // Justified, a line that ends in a line break is stretched across the page: such clauses
  // (a report paragraph with its lettered items) are set flush left.
  const alignment = clause.text.includes('\n') ? AlignmentType.LEFT : AlignmentType.JUSTIFIED;
  if (clause.number !== null) {
    return new Paragraph({ numbering: { reference: OPERATIVE_NUMBERING, level: 0 }, alignment, children });
  }
  const before = clause.kind === 'lead-in' || clause.kind === 'closing' ? 240 : 0;
  return new Paragraph({ spacing: { before, after: SPACE_AFTER }, alignment, children });
}

/** Several notes at one place are separated by a superscript ", ": side by side they would read "23". */
function noteReferences(notes: readonly number[]): ParagraphChild[] {
  return notes.flatMap((n, i) => [
    ...(i > 0 ? [new TextRun({ text: ', ', superScript: true })] : []),
    new FootnoteReferenceRun(n),
  ]);
}

/** A formatted clause: one run per stretch of one emphasis, its own line breaks as breaks. */
function formattedLines(clause: ExportClause, openerLength: number): TextRun[] {
  return runLines(withItalicOpening(clause.runs, openerLength)).flatMap((line, i) =>
    (line.length === 0 ? [{ text: '', format: '' as const }] : line).map(
      (run, j) =>
        new TextRun({
          text: run.text,
          ...(i > 0 && j === 0 ? { break: 1 } : {}),
          ...(isBold(run) ? { bold: true } : {}),
          ...(isItalic(run) ? { italics: true } : {}),
          ...(isUnderlined(run) ? { underline: {} } : {}),
        }),
    ),
  );
}

/** A clause's own line breaks become line breaks in its paragraph. */
function lines(text: string): TextRun[] {
  return text.split('\n').map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) }));
}

function draftHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextWatermark({ text: DRAFT_MARKER, font: 'Arial', color: 'C00000', opacity: 0.2 }),
          new TextRun({ text: DRAFT_MARKER, italics: true, size: 16, color: '8A1C1C' }),
        ],
      }),
    ],
  });
}

/**
 * docProps/core.xml as `docx` writes it, but dated `asOf` rather than by the clock, so that the
 * same adopted text always gives the same bytes.
 */
function coreXml(model: ExportModel): string {
  const at = new Date(model.asOf).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(model.title)}</dc:title>` +
    `<dc:description>${escapeXml(describe(model))}</dc:description>` +
    '<dc:creator>Mufakat</dc:creator><cp:lastModifiedBy>Mufakat</cp:lastModifiedBy><cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}
