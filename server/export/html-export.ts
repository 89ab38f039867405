import { isPlain } from '../../shared/clause-runs.ts';
import { commentsAnnexHtml } from './comments-annex.ts';
import { alternativeLine } from './export-alternatives.ts';
import type { ExportClause, ExportModel } from './export-model.ts';
import { type InlineNode, nestSpans, runLines, withItalicOpening } from './inline-spans.ts';
import { DRAFT_MARKER } from './markdown-export.ts';

/**
 * The draft as one self-contained, print-ready A4 page (inline CSS, no script, no external
 * resource; its Content-Security-Policy forbids both): a published joint statement's typography
 * (a resolution's too: the body's name, preambular paragraphs indented with their opening words
 * in italics, numbered operative paragraphs opening in italics),
 * "DRAFT — not adopted" across every printed page before adoption, and the adoption hash after.
 * Every text from the draft is HTML-escaped. Printing it from a browser gives the PDF.
 */
export function writeHtml(model: ExportModel): string {
  const adopted = model.adoption !== null;
  const body: string[] = [];
  if (!adopted) {
    body.push(`<div class="watermark" aria-hidden="true">${escapeHtml(DRAFT_MARKER)}</div>`);
    body.push(`<p class="status">Draft text as of ${escapeHtml(timestampInWords(model.asOf))}. Not adopted.</p>`);
  }
  body.push(`<h1>${keepHyphenatedWords(escapeHtml(model.title))}</h1>`);
  if (model.adoption !== null) body.push(`<p class="date">${escapeHtml(model.adoption.dateText)}</p>`);
  for (const clause of model.clauses) {
    body.push(clauseHtml(clause));
    for (const alternative of clause.alternatives ?? []) {
      body.push(`<p class="alternative">${escapeHtml(alternativeLine(alternative))}</p>`);
    }
  }
  if (model.adoptionLine !== null) body.push(`<p class="closing">${escapeHtml(model.adoptionLine)}</p>`);

  const foot: string[] = [];
  if (model.notes.length > 0) {
    const items = model.notes.map(
      (note) =>
        `<li id="fn-${note.number}" value="${note.number}">${escapeHtml(note.text)}` +
        (note.clauseId === null
          ? ''
          : ` <a class="back" href="#fnref-${note.number}" aria-label="Back to the text">↩</a>`) +
        '</li>',
    );
    foot.push(`<section class="footnotes" aria-label="Footnotes">\n<ol>\n${items.join('\n')}\n</ol>\n</section>`);
  }
  if (model.adoption !== null) {
    const { place, dateText, textHash } = model.adoption;
    foot.push(
      `<p class="record">Adopted in ${escapeHtml(place)} on ${escapeHtml(dateText)}. SHA-256 of the adopted text:<br>` +
        `<span class="hash">${escapeHtml(textHash)}</span></p>`,
    );
    if (model.adoption.silenceLine !== undefined) {
      foot.push(`<p class="record silence">${escapeHtml(model.adoption.silenceLine)}</p>`);
    }
  }
  if (foot.length > 0) body.push(`<footer>\n${foot.join('\n')}\n</footer>`);
  if (model.commentsAnnex !== undefined) body.push(commentsAnnexHtml(model.commentsAnnex));

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="Mufakat">
<title>${escapeHtml(model.title)}${adopted ? '' : ` (${escapeHtml(DRAFT_MARKER)})`}</title>
<style>
${STYLE}${adopted ? '' : draftPageStyle(model.asOf)}</style>
</head>
<body class="${adopted ? 'adopted' : 'draft'} ${model.kind}">
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}

function clauseHtml(clause: ExportClause): string {
  const opener = clause.opener !== null && clause.text.startsWith(clause.opener) ? clause.opener : '';
  const words = isPlain(clause.runs)
    ? (opener === '' ? '' : `<em>${escapeHtml(opener)}</em>`) +
      escapeHtml(clause.text.slice(opener.length)).replaceAll('\n', '<br>')
    : runLines(withItalicOpening(clause.runs, opener.length))
        .map((line) => nestSpans(line).map(inlineHtml).join(''))
        .join('<br>');
  const text = words + noteRefs(clause);
  switch (clause.kind) {
    case 'heading':
      return `<h2>${text}</h2>`;
    case 'operative':
    case 'paragraph':
      return `<p class="numbered" id="para-${clause.number}"><span class="num">${clause.number}.</span>${text}</p>`;
    default:
      return `<p class="${clause.kind}">${text}</p>`;
  }
}

/** A title broken at "ADMM-|PLUS" reads badly; its hyphenated words stay whole. */
function keepHyphenatedWords(escaped: string): string {
  return escaped.replace(/\S+-\S+/g, (word) => `<span class="nowrap">${word}</span>`);
}

/** Every printed page of a draft says so in its top margin, with the time of the text. */
function draftPageStyle(asOf: string): string {
  // The timestamp is generated here (digits, month names, ':' and ','): nothing to escape in CSS.
  return `@page { @top-center { content: "${DRAFT_MARKER} · ${timestampInWords(asOf)}"; font: italic 8.5pt "Times New Roman", "Liberation Serif", serif; color: #8a1c1c; } }\n`;
}

const TAGS = { b: 'strong', i: 'em', u: 'u' } as const;

function inlineHtml(node: InlineNode): string {
  if (typeof node === 'string') return escapeHtml(node);
  const tag = TAGS[node.mark];
  return `<${tag}>${node.children.map(inlineHtml).join('')}</${tag}>`;
}

/** Several notes at one place are one superscript, "2, 3": side by side they would read "23". */
function noteRefs(clause: ExportClause): string {
  if (clause.notes.length === 0) return '';
  const links = clause.notes.map((n) => `<a href="#fn-${n}" id="fnref-${n}" aria-label="Footnote ${n}">${n}</a>`);
  return `<sup class="fnref">${links.join(', ')}</sup>`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** "2025-10-31T16:45:00.000Z" → "31 October 2025, 16:45 UTC": the server's clock, stated as UTC. */
function timestampInWords(iso: string): string {
  const date = new Date(iso);
  const day = date.toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
  const time = date.toLocaleTimeString('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit' });
  return `${day}, ${time} UTC`;
}

/** Hanging indent: the number sits in the margin the text is indented by. */
const STYLE = `@page { size: A4; margin: 25mm 25mm 22mm; }
@page { @bottom-center { content: counter(page); font: 9pt "Times New Roman", "Liberation Serif", serif; } }
html { background: #fff; color: #000; }
body {
  margin: 0; font-family: "Times New Roman", "Liberation Serif", Tinos, "Nimbus Roman", Times, serif;
  font-size: 12pt; line-height: 1.4; -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
main { max-width: 160mm; margin: 0 auto; position: relative; z-index: 1; }
@media screen { main { padding: 20mm 0; } }
h1 { font-size: 12pt; font-weight: bold; text-align: center; margin: 0 8mm 18pt; line-height: 1.35; }
h2 { font-size: 12pt; font-weight: bold; margin: 16pt 0 8pt; break-after: avoid; }
p { margin: 0 0 10pt; text-align: justify; hyphens: manual; orphans: 2; widows: 2; }
p.date { text-align: center; margin: -12pt 0 18pt; }
p.lead-in { margin-top: 14pt; }
p.numbered { padding-left: 10mm; text-indent: -10mm; }
p.numbered .num { display: inline-block; width: 10mm; text-indent: 0; }
p.closing { margin-top: 18pt; }
body.resolution p.chapeau { text-indent: 10mm; }
body.resolution p.preamble { text-indent: 10mm; }
p.status { text-align: center; font-size: 9pt; font-style: italic; color: #8a1c1c; margin-bottom: 14pt; }
sup.fnref { font-size: 8pt; line-height: 0; }
sup.fnref a, .footnotes a { color: inherit; text-decoration: none; }
.nowrap { white-space: nowrap; }
@media print { .footnotes a.back { display: none; } }
footer { margin-top: 20pt; font-size: 9.5pt; line-height: 1.3; break-inside: avoid; }
.footnotes { border-top: 0.5pt solid #000; width: 50mm; padding-top: 4pt; }
.footnotes ol { margin: 0; padding-left: 5mm; width: 160mm; }
.footnotes li { margin-bottom: 3pt; text-align: justify; }
p.record { margin-top: 14pt; font-size: 8.5pt; text-align: left; color: #333; }
.hash { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; word-break: break-all; }
.watermark {
  position: fixed; top: 50%; left: 50%; z-index: 0; pointer-events: none; user-select: none; white-space: nowrap;
  transform: translate(-50%, -50%) rotate(-50deg); font: bold 48pt "Liberation Sans", Arial, sans-serif;
  color: rgba(170, 0, 0, 0.13); letter-spacing: 2pt;
}
`;
