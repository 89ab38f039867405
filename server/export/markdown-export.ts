import type { ExportClause, ExportModel } from './export-model.ts';

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
    if (clause.number !== null) {
      const marker = `${clause.number}. `;
      list.push(marker + indentContinuation(withOpener(clause) + refs(clause), marker.length));
      continue;
    }
    endList();
    // An empty clause has nothing to publish, and a blank block would read back as nothing.
    if (clause.text === '' && clause.notes.length === 0) continue;
    blocks.push(clause.kind === 'heading' ? heading(clause) : withOpener(clause) + refs(clause));
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
  const [first = '', ...rest] = clause.text.split('\n');
  const below = rest.length === 0 ? '' : `\n${escapeLines(rest.join('\n'))}`;
  return `## ${escapeInline(first)}${below}${refs(clause)}`;
}

function refs(clause: ExportClause): string {
  return clause.notes.map((n) => `[^${n}]`).join('');
}

/** A resolution's paragraph with its opening words in italics ("*Recalling also* its …"), as the UN prints it. */
function withOpener(clause: ExportClause): string {
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
    .map((line) => {
      const escaped = escapeInline(line);
      const block = BLOCK_START.exec(escaped);
      if (block === null) return escaped;
      const indent = block[1] ?? '';
      return `${indent}\\${escaped.slice(indent.length)}`;
    })
    .join('\n');
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
