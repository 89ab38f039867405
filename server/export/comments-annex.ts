import { AlignmentType, HeadingLevel, Paragraph, TextRun } from 'docx';
import { z } from 'zod';
import type { CommentAuthor, CommentThreadView } from '../../shared/schemas/comments.ts';
import { escapeXml } from './escape-xml.ts';

/** `comments=all|unresolved` on an export: the annex of comment threads, on request only. */
export const CommentsAnnexScope = z.enum(['all', 'unresolved']);
export type CommentsAnnexScope = z.infer<typeof CommentsAnnexScope>;

export interface AnnexComment {
  author: string;
  at: string;
  text: string;
}

export interface AnnexThread {
  /** The clause as the export names it ("paragraph 5"), or a note that it left the text. */
  clause: string;
  /** The words it is about, as quoted when it started; whether they are still in the text. */
  quote: string | null;
  quoteDeleted: boolean;
  privateTo: string | null;
  status: string;
  comments: AnnexComment[];
}

/** The "Comments" annex of an export: only threads the requesting session may see. */
export interface CommentsAnnex {
  scope: CommentsAnnexScope;
  threads: AnnexThread[];
}

function authorName(author: CommentAuthor): string {
  if (author.role === 'delegation') return author.delegation ?? 'A delegation';
  return author.role === 'chair' ? 'The chair' : 'The secretariat';
}

/**
 * The annex from the threads a session sees (already filtered: a delegation's private notes are
 * in its own export only), in the order of the text; `labels` maps clause ids to export labels.
 */
export function commentsAnnexOf(
  threads: readonly CommentThreadView[],
  scope: CommentsAnnexScope,
  order: readonly string[],
  labels: ReadonlyMap<string, string>,
): CommentsAnnex {
  const place = new Map(order.map((id, i) => [id, i]));
  const chosen = threads
    .filter((t) => scope === 'all' || t.resolved === null)
    .sort(
      (a, b) =>
        (place.get(a.clauseId) ?? Number.MAX_SAFE_INTEGER) - (place.get(b.clauseId) ?? Number.MAX_SAFE_INTEGER) ||
        a.startedSeq - b.startedSeq,
    );
  return {
    scope,
    threads: chosen.map((thread) => ({
      clause: labels.get(thread.clauseId) ?? 'A clause no longer in the text',
      quote: thread.span?.quote ?? null,
      quoteDeleted: thread.span !== null && thread.currentQuote === null,
      privateTo: thread.visibility === 'delegation' ? thread.owner : null,
      status:
        thread.resolved === null
          ? 'Open'
          : `Resolved by ${authorName(thread.resolved.by)} on ${thread.resolved.at.slice(0, 16).replace('T', ' ')} UTC`,
      comments: thread.comments.map((c) => ({
        author: authorName(c.author),
        at: `${c.at.slice(0, 16).replace('T', ' ')} UTC`,
        text: c.text,
      })),
    })),
  };
}

function threadHeading(thread: AnnexThread): string {
  return `${thread.clause}${thread.privateTo === null ? '' : ` (private note of ${thread.privateTo})`}: ${thread.status}`;
}

function quoteLine(thread: AnnexThread): string | null {
  if (thread.quote === null) return null;
  return thread.quoteDeleted ? `On the words “${thread.quote}” (since deleted)` : `On the words “${thread.quote}”`;
}

const TITLE = { all: 'Annex: Comments', unresolved: 'Annex: Open comments' } as const;

/** The annex as an HTML section; every text escaped. */
export function commentsAnnexHtml(annex: CommentsAnnex): string {
  const parts = [`<section class="annex comments" aria-label="Comments">`, `<h2>${TITLE[annex.scope]}</h2>`];
  if (annex.threads.length === 0) parts.push('<p>No comments.</p>');
  for (const thread of annex.threads) {
    parts.push('<article>', `<h3>${escapeXml(threadHeading(thread))}</h3>`);
    const quote = quoteLine(thread);
    if (quote !== null) parts.push(`<p class="quote"><em>${escapeXml(quote)}</em></p>`);
    parts.push('<ol>');
    for (const c of thread.comments) {
      parts.push(
        `<li><strong>${escapeXml(c.author)}</strong>, ${escapeXml(c.at)}: ${escapeXml(c.text).replaceAll('\n', '<br>')}</li>`,
      );
    }
    parts.push('</ol>', '</article>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** The annex as Word paragraphs, on a page of its own. */
export function commentsAnnexParagraphs(annex: CommentsAnnex): Paragraph[] {
  const paragraphs = [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      alignment: AlignmentType.LEFT,
      pageBreakBefore: true,
      children: [new TextRun({ text: TITLE[annex.scope], bold: true })],
    }),
  ];
  if (annex.threads.length === 0) paragraphs.push(new Paragraph({ text: 'No comments.' }));
  for (const thread of annex.threads) {
    paragraphs.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        spacing: { before: 240 },
        children: [new TextRun({ text: threadHeading(thread), bold: true })],
      }),
    );
    const quote = quoteLine(thread);
    if (quote !== null) paragraphs.push(new Paragraph({ children: [new TextRun({ text: quote, italics: true })] }));
    for (const c of thread.comments) {
      const lines = c.text.split('\n');
      paragraphs.push(
        new Paragraph({
          indent: { left: 360 },
          children: [
            new TextRun({ text: `${c.author}, ${c.at}: `, bold: true }),
            ...lines.map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) })),
          ],
        }),
      );
    }
  }
  return paragraphs;
}
