import { isPlain } from '../../shared/clause-runs.ts';
import type { ClauseRun } from '../../shared/schemas/clause-run.ts';
import { alternativeLine } from './export-alternatives.ts';
import type { ExportClause, ExportModel } from './export-model.ts';
import { type InlineNode, type InlineSpan, nestSpans, runLines, withItalicOpening } from './inline-spans.ts';

export const DRAFT_MARKER = 'DRAFT — not adopted';

/**
 * The draft as Markdown, kept plain so that the importer reads it back to the same clauses:
 * `# Title`; the adoption date; a `> DRAFT — not adopted` line before adoption; then one block
 * per clause, blank-line separated, in order: chapeau, preamble clauses, lead-in and closing as
 * paragraphs, `## Heading` for a report's headings, operative clauses and report paragraphs as
 * a numbered list `N. text` (one line each, a list per run of them); the `ADOPTED in ...` line
 * when the adopted text has no closing clause; `> Adopted text SHA-256: <hash>` after adoption;
 * and the reservation footnotes as `[^n]` after their clause with `[^n]: text` at the end. A
 * resolution's preambular and operative paragraphs open in italics (`*Recalling*`, `1. *Decides*`),
 * as the United Nations prints them.
 *
 * Clause text is verbatim but for the escapes Markdown needs to show it as it is (and the importer
 * to read it back): its own line breaks stay line breaks (indented under a list item); a line
 * that would read as a heading, quote, list item or footnote definition gets a backslash before
 * it; inside a line, `*`, `` ` ``, `_` (not between letters), `\` before punctuation, `[^`
 * and `](` get a backslash, and `<` before a letter (a tag) or `&` of an entity become `&lt;`
 * and `&amp;`. Everything else, quotes, brackets, `#` inside a line, is left as written.
 *
 * Emphasis: bold `**…**`, italic `*…*`, underline (which Markdown lacks) `<u>…</u>`; where `*`
 * would not read as emphasis (inside a word, or against punctuation), `<strong>…</strong>` and
 * `<em>…</em>`. The importer reads all of them off. A block marker at the start of a line ("1. ",
 * "#") is written plain, escaped, whatever its emphasis.
 */
export function writeMarkdown(model: ExportModel): string {
  const blocks: string[] = [`# ${escapeInline(oneLine(model.title))}`];
  if (model.adoption !== null) blocks.push(escapeLines(model.adoption.dateText));
  if (model.adoption === null) blocks.push(`> ${DRAFT_MARKER}`);

  let list: string[] = [];
  const endList = () => {
    if (list.length > 0) blocks.push(list.join('\n'));
    list = [];
  };
  for (const clause of model.clauses) {
    // Its open alternatives follow it, inside its list item when it is numbered.
    const alternatives = (clause.alternatives ?? []).map(
      (a) => `\n\n${escapeBlockStart(escapeInline(alternativeLine(a)))}`,
    );
    if (clause.number !== null) {
      const marker = `${clause.number}. `;
      const item = indentContinuation(withOpener(clause) + refs(clause) + alternatives.join(''), marker.length);
      // The blank line before an alternative stays blank, without the indent's trailing spaces.
      list.push(marker + item.replace(/\n +\n/g, '\n\n'));
      continue;
    }
    endList();
    // An empty clause has nothing to publish, and a blank block would read back as nothing.
    if (clause.text === '' && clause.notes.length === 0) continue;
    blocks.push(
      (clause.kind === 'heading' ? heading(clause) : withOpener(clause) + refs(clause)) + alternatives.join(''),
    );
  }
  endList();

  if (model.adoptionLine !== null) blocks.push(escapeLines(model.adoptionLine));
  if (model.adoption !== null) blocks.push(`> Adopted text SHA-256: ${model.adoption.textHash}`);
  if (model.notes.length > 0) {
    blocks.push(model.notes.map((note) => `[^${note.number}]: ${escapeInline(oneLine(note.text))}`).join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}

/**
 * A report heading: its first line after `##`, its other lines (a speaker, an affiliation) just
 * below it, where the import reads them back into the same heading.
 */
function heading(clause: ExportClause): string {
  if (!isPlain(clause.runs)) {
    const [first = [], ...rest] = runLines(clause.runs);
    const below = rest.map((line) => `\n${formattedLine(line, true)}`).join('');
    return `## ${formattedLine(first, false)}${below}${refs(clause)}`;
  }
  const [first = '', ...rest] = clause.text.split('\n');
  const below = rest.length === 0 ? '' : `\n${escapeLines(rest.join('\n'))}`;
  return `## ${escapeInline(first)}${below}${refs(clause)}`;
}

function refs(clause: ExportClause): string {
  return clause.notes.map((n) => `[^${n}]`).join('');
}

/** A resolution's paragraph with its opening words in italics ("*Recalling also* its …"), as the UN prints it. */
function withOpener(clause: ExportClause): string {
  if (!isPlain(clause.runs)) {
    const opener = clause.opener !== null && clause.text.startsWith(clause.opener) ? clause.opener : '';
    return runLines(withItalicOpening(clause.runs, opener.length))
      .map((line) => formattedLine(line, true))
      .join('\n');
  }
  if (clause.opener === null || !clause.text.startsWith(clause.opener)) return escapeLines(clause.text);
  return `*${escapeInline(clause.opener)}*${escapeLines(clause.text.slice(clause.opener.length))}`;
}

/** A heading, title or footnote cannot span lines in Markdown. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/**
 * What opens a block in Markdown at the start of a line (after up to three spaces): a heading, a
 * quote, a list item, a footnote, or a link reference definition, which would turn a clause's
 * `[a]: javascript:…` into a link target for any `[a]` of the text.
 */
const BLOCK_START = /^( {0,3})(#|>|[-*+](\s|$)|\d{1,9}[.)](\s|$)|\[\^|\[[^\]]*\]:)/;

function escapeLines(text: string): string {
  return text
    .split('\n')
    .map((line) => escapeBlockStart(escapeInline(line)))
    .join('\n');
}

function escapeBlockStart(escaped: string): string {
  const block = BLOCK_START.exec(escaped);
  if (block === null) return escaped;
  const indent = block[1] ?? '';
  return `${indent}\\${escaped.slice(indent.length)}`;
}

/**
 * One line of a formatted clause: its text escaped as `escapeInline` does, with the emphasis
 * marks around it. `blockStart`: the line starts a Markdown line, where a block marker is escaped.
 */
function formattedLine(runs: readonly ClauseRun[], blockStart: boolean): string {
  const text = runs.map((run) => run.text).join('');
  let line = runs;
  if (blockStart && BLOCK_START.test(escapeInline(text))) {
    // The marker is escaped with a backslash before it, which must not stand before an emphasis mark.
    const marker = BLOCK_START.exec(text)?.[0] ?? '';
    const spaceAfter = /^\s*/.exec(text.slice(marker.length))?.[0] ?? '';
    line = withoutEmphasis(runs, Math.max(marker.length + spaceAfter.length, 1));
  }
  const spans = nestSpans(line);
  const syntax = new Map<InlineSpan, Delimiters>();
  const boundaries = new Set<number>();
  const decide = (node: InlineNode): void => {
    if (typeof node === 'string') return;
    node.children.forEach(decide);
    syntax.set(node, delimitersOf(node, text, syntax));
    boundaries.add(node.start).add(node.end);
  };
  spans.forEach(decide);
  const escaped = escapedChars(text, boundaries);
  let at = 0;
  const render = (node: InlineNode): string => {
    if (typeof node === 'string') {
      const out = escaped.slice(at, at + node.length).join('');
      at += node.length;
      return out;
    }
    const [open, close] = syntax.get(node) ?? ['', ''];
    return open + node.children.map(render).join('') + close;
  };
  const out = spans.map(render).join('');
  return blockStart ? escapeBlockStart(out) : out;
}

type Delimiters = readonly [open: string, close: string];

const TAG_DELIMITERS = {
  b: ['<strong>', '</strong>'],
  i: ['<em>', '</em>'],
  u: ['<u>', '</u>'],
} as const satisfies Record<InlineSpan['mark'], Delimiters>;
const STAR_DELIMITERS = { b: ['**', '**'], i: ['*', '*'] } as const;

/**
 * `*` and `**` where CommonMark reads them as emphasis and nothing else (the opening mark only
 * opens, the closing one only closes) and the importer strips them: the span starts and ends on a
 * character that is no space, stands between spaces, punctuation or the line's ends, and a
 * punctuation mark just inside it has a space or the line's end just outside. Else a tag.
 */
function delimitersOf(span: InlineSpan, text: string, decided: ReadonlyMap<InlineSpan, Delimiters>): Delimiters {
  if (span.mark === 'u') return TAG_DELIMITERS.u;
  const startsWithTag = isTagSpan(span.children[0], decided);
  const endsWithTag = isTagSpan(span.children.at(-1), decided);
  const first = startsWithTag ? '<' : charAt(text, span.start);
  const last = endsWithTag ? '>' : charBefore(text, span.end);
  const before = charBefore(text, span.start);
  const after = charAt(text, span.end);
  const edgeOrSpace = (c: string | null) => c === null || SPACE.test(c);
  const outside = (c: string | null) => edgeOrSpace(c) || PUNCTUATION.test(c ?? '');
  const safe =
    first !== null &&
    last !== null &&
    !SPACE.test(first) &&
    !SPACE.test(last) &&
    outside(before) &&
    outside(after) &&
    (!PUNCTUATION.test(first) || edgeOrSpace(before)) &&
    (!PUNCTUATION.test(last) || edgeOrSpace(after));
  return safe ? STAR_DELIMITERS[span.mark] : TAG_DELIMITERS[span.mark];
}

const SPACE = /\s/;
/** CommonMark's punctuation: Unicode punctuation and symbols. */
const PUNCTUATION = /[\p{P}\p{S}]/u;

function isTagSpan(node: InlineNode | undefined, decided: ReadonlyMap<InlineSpan, Delimiters>): boolean {
  return node !== undefined && typeof node !== 'string' && (decided.get(node)?.[0] ?? '').startsWith('<');
}

function charAt(text: string, at: number): string | null {
  const code = text.codePointAt(at);
  return code === undefined ? null : String.fromCodePoint(code);
}

function charBefore(text: string, at: number): string | null {
  if (at <= 0) return null;
  const low = text.charCodeAt(at - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && at >= 2 ? at - 2 : at - 1;
  return charAt(text, start);
}

/**
 * The line's characters (UTF-16 units) escaped as `escapeInline` escapes the whole line, and a
 * backslash that would stand just before an emphasis mark escaped too.
 */
function escapedChars(text: string, boundaries: ReadonlySet<number>): string[] {
  const out = text.split('');
  for (const match of text.matchAll(INLINE_MARKUP)) {
    const c = match[0];
    out[match.index] = c === '<' ? '&lt;' : c === '&' ? '&amp;' : `\\${c}`;
  }
  out.forEach((c, i) => {
    if (c === '\\' && boundaries.has(i + 1)) out[i] = '\\\\';
  });
  return out;
}

/** The runs without emphasis on their first `length` characters. */
function withoutEmphasis(runs: readonly ClauseRun[], length: number): ClauseRun[] {
  const out: ClauseRun[] = [];
  let at = 0;
  for (const run of runs) {
    const inside = Math.max(0, Math.min(run.text.length, length - at));
    if (inside > 0) out.push({ text: run.text.slice(0, inside), format: '' });
    if (inside < run.text.length) out.push({ text: run.text.slice(inside), format: run.format });
    at += run.text.length;
  }
  return out;
}

/** What Markdown would take for emphasis, code, a footnote reference, a link, a tag or an entity. */
const INLINE_MARKUP =
  /\\(?=[!-/:-@[-`{-~])|[*`]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|\[(?=\^)|\](?=\()|<(?=[A-Za-z/!?])|&(?=#\d{1,7};|#[xX][\da-fA-F]{1,6};|[A-Za-z][A-Za-z\d]{1,31};)/gu;

function escapeInline(text: string): string {
  return text.replace(INLINE_MARKUP, (c) => (c === '<' ? '&lt;' : c === '&' ? '&amp;' : `\\${c}`));
}

function indentContinuation(text: string, width: number): string {
  return text.split('\n').join(`\n${' '.repeat(width)}`);
}
