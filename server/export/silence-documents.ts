import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { joinLabels } from '../../shared/consensus/silence.ts';
import type { ChairStatementRecord, SilenceRecord } from '../../shared/schemas/silence.ts';
import { dateInWords } from './export-model.ts';
import { escapeHtml } from './html-export.ts';
import { setZipEntryDates } from './zip-entry-dates.ts';

/**
 * The two documents of the silence procedure and of failed consensus that are not an adopted
 * text: the outcome letter of a silence, and the Chairman's Statement. Both in one plain shape,
 * written as HTML (self-contained, every text escaped) and DOCX (its dates fixed to the record's
 * time, so the same record always gives the same bytes).
 */
export interface PlainDocument {
  /** The document's own title: "Chairman's Statement", "Outcome of the silence procedure". */
  heading: string;
  /** The draft's title, under the heading. */
  subtitle: string;
  /** A line under the subtitle: the date. */
  dateLine: string | null;
  /** Body paragraphs; `number` is printed before a numbered paragraph. */
  paragraphs: Array<{ number: number | null; text: string }>;
  /** Small print at the foot: what the record is, its hash. */
  foot: string[];
  /** The one time the document embeds. */
  asOf: string;
}

/** "2025-11-01T16:45:00.000Z" → "1 November 2025, 16:45 UTC". */
export function utcInWords(iso: string): string {
  return `${dateInWords(iso.slice(0, 10))}, ${iso.slice(11, 16)} UTC`;
}

/**
 * The outcome letter of an ended silence: "The silence procedure on <title> concluded on <date
 * time UTC> without objection", or who broke it on which paragraphs and why. Null while it runs.
 */
export function silenceLetter(title: string, silence: SilenceRecord): PlainDocument | null {
  if (silence.state === 'running' || silence.endedAt === null) return null;
  const circulated = silence.clauseIds === null ? 'the whole draft' : joinLabels(silence.clauses.map((c) => c.label));
  const record = `The text was circulated on ${utcInWords(silence.circulatedAt)} (${circulated}) with a deadline of ${utcInWords(silence.deadline)}.`;
  const paragraphs: PlainDocument['paragraphs'] = [];
  switch (silence.state) {
    case 'concluded':
      paragraphs.push({
        number: null,
        text: `The silence procedure on ${title} concluded on ${utcInWords(silence.deadline)} without objection.`,
      });
      paragraphs.push({ number: null, text: `${record} No delegation broke silence.` });
      paragraphs.push({
        number: null,
        text:
          silence.clauseIds === null
            ? 'The text is therefore adopted under silence.'
            : `${capitalised(circulated)} ${silence.clauses.length === 1 ? 'is' : 'are'} therefore agreed under silence.`,
      });
      break;
    case 'broken': {
      const broken = silence.broken;
      const who = broken === null ? 'a delegation' : broken.delegation;
      const where = broken === null ? '' : ` on ${joinLabels(broken.labels)}`;
      const why = broken === null ? '' : ` (${broken.reason})`;
      paragraphs.push({
        number: null,
        text: `The silence procedure on ${title} did not conclude: on ${utcInWords(silence.endedAt)} the silence was broken by ${who}${where}${why}.`,
      });
      paragraphs.push({ number: null, text: `${record} The text is not adopted and is open for negotiation again.` });
      break;
    }
    case 'withdrawn':
      paragraphs.push({
        number: null,
        text: `The silence procedure on ${title} was withdrawn by the chair on ${utcInWords(silence.endedAt)}.`,
      });
      paragraphs.push({ number: null, text: `${record} The text is not adopted.` });
      break;
  }
  return {
    heading: 'Outcome of the silence procedure',
    subtitle: title,
    dateLine: utcInWords(silence.endedAt),
    paragraphs,
    foot: [`SHA-256 of the circulated text: ${silence.textHash}`],
    asOf: silence.endedAt,
  };
}

/** The Chairman's Statement: the text under the chair's own authority, no delegation's agreement claimed. */
export function chairStatementDocument(record: ChairStatementRecord): PlainDocument {
  let number = 0;
  const paragraphs = record.clauses.map((clause) => {
    const numbered = clause.kind === 'operative' || clause.kind === 'paragraph';
    if (numbered) number += 1;
    return { number: numbered ? number : null, text: clause.text };
  });
  return {
    heading: "Chairman's Statement",
    subtitle: record.title,
    dateLine: `${record.place}, ${dateInWords(record.date)}`,
    paragraphs,
    foot: [
      `Issued by the Chair under the Chair's own authority in ${record.place} on ${dateInWords(record.date)}. ` +
        'Consensus was not reached: this statement does not record the agreement of any delegation.',
      `SHA-256 of the text: ${record.textHash}`,
    ],
    asOf: record.issuedAt,
  };
}

export function writePlainHtml(doc: PlainDocument): string {
  const body = [
    `<h1>${escapeHtml(doc.heading)}</h1>`,
    `<p class="subtitle">${escapeHtml(doc.subtitle)}</p>`,
    ...(doc.dateLine === null ? [] : [`<p class="date">${escapeHtml(doc.dateLine)}</p>`]),
    ...doc.paragraphs.map((p) =>
      p.number === null
        ? `<p>${escapeHtml(p.text).replaceAll('\n', '<br>')}</p>`
        : `<p class="numbered"><span class="num">${p.number}.</span>${escapeHtml(p.text).replaceAll('\n', '<br>')}</p>`,
    ),
    `<footer>\n${doc.foot.map((line) => `<p class="record">${escapeHtml(line)}</p>`).join('\n')}\n</footer>`,
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="Mufakat">
<title>${escapeHtml(doc.heading)}: ${escapeHtml(doc.subtitle)}</title>
<style>
${PLAIN_STYLE}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}

const PLAIN_STYLE = `@page { size: A4; margin: 25mm 25mm 22mm; }
body { margin: 0; font-family: "Times New Roman", "Liberation Serif", serif; font-size: 12pt; line-height: 1.4; color: #000; background: #fff; }
main { max-width: 160mm; margin: 0 auto; }
@media screen { main { padding: 20mm 0; } }
h1 { font-size: 14pt; text-align: center; margin: 0 0 6pt; }
p { margin: 0 0 10pt; text-align: justify; }
p.subtitle { text-align: center; font-weight: bold; }
p.date { text-align: center; margin-bottom: 18pt; }
p.numbered { padding-left: 10mm; text-indent: -10mm; }
p.numbered .num { display: inline-block; width: 10mm; text-indent: 0; }
footer { margin-top: 24pt; border-top: 0.5pt solid #000; padding-top: 6pt; }
p.record { font-size: 9pt; text-align: left; overflow-wrap: anywhere; }
`;

export async function writePlainDocx(doc: PlainDocument): Promise<Uint8Array> {
  const centred = (text: string, bold = false, after = 120) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children: [new TextRun({ text, bold })] });
  const children = [
    centred(doc.heading, true),
    centred(doc.subtitle, true, doc.dateLine === null ? 360 : 120),
    ...(doc.dateLine === null ? [] : [centred(doc.dateLine, false, 360)]),
    ...doc.paragraphs.map(
      (p) =>
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          spacing: { after: 200 },
          ...(p.number === null ? {} : { indent: { left: 567, hanging: 567 } }),
          children: [new TextRun(p.number === null ? p.text : `${p.number}.\t${p.text}`)],
        }),
    ),
    ...doc.foot.map(
      (line, i) =>
        new Paragraph({
          alignment: AlignmentType.LEFT,
          spacing: { before: i === 0 ? 480 : 0, after: 60 },
          children: [new TextRun({ text: line, size: 16 })],
        }),
    ),
  ];
  const document = new Document({
    title: `${doc.heading}: ${doc.subtitle}`,
    creator: 'Mufakat',
    lastModifiedBy: 'Mufakat',
    styles: { default: { document: { run: { font: 'Times New Roman', size: 24 } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 } } }, children }],
  });
  const packed = await Packer.toBuffer(document);
  return setZipEntryDates(new Uint8Array(packed), new Date(doc.asOf));
}

/** The Chairman's Statement as Markdown, as the adoption export offers it too. */
export function writePlainMarkdown(doc: PlainDocument): string {
  const lines = [`# ${doc.heading}`, '', `**${doc.subtitle}**`, ''];
  if (doc.dateLine !== null) lines.push(doc.dateLine, '');
  for (const p of doc.paragraphs) lines.push(p.number === null ? p.text : `${p.number}. ${p.text}`, '');
  lines.push('---', '', ...doc.foot.flatMap((line) => [`*${line}*`, '']));
  return lines.join('\n');
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
