import { stripMarkdownLine } from './strip-markdown.ts';

/** One physical line of the text to import, its Markdown read off, with what its layout says. */
export interface SourceLine {
  text: string;
  /** The line as written, trimmed, before its Markdown was read: "- 3 -" is a page number, not a bullet. */
  raw: string;
  /** Markdown heading level (1-6), 0 for none. */
  heading: number;
  /** One or more blank lines (or a page break) come before it. */
  blankBefore: boolean;
  /** Opened with a bullet marker, now removed. */
  bullet: boolean;
  /** Leading spaces: a list item's continuation lines are indented. */
  indent: number;
  /** Escaped in Markdown: text, never a number, bullet or heading. */
  literal: boolean;
  /** A footnote definition `[^label]: text`. */
  footnote: string | null;
  /** A separator line (`---`, `_____`, `***`, a table's rule): no text. */
  separator: boolean;
}

/** A rule of underscores or dashes at the end of a line of text: the footnote separator of a page, glued on. */
const TRAILING_SEPARATOR = /\s+(?:-{3,}|_{5,})\s*$/;
const UNDERSCORES = /^_{5,}$/;
const COMMENT_ONLY = /^<!--.*-->$/;

/**
 * The lines of a normalised text, each with its Markdown read off (plain text passes as it
 * is). Blank lines, HTML comments and rules are not lines of their own: they set `blankBefore`
 * of the next line, and a rule is kept as a separator line, which marks where a page's
 * footnotes start.
 */
export function readSourceLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let blank = true;
  const push = (line: SourceLine) => {
    line.blankBefore = blank;
    lines.push(line);
    blank = false;
  };
  for (const raw of text.split('\n')) {
    const trimmed = raw.trim();
    if (trimmed === '' || COMMENT_ONLY.test(trimmed)) {
      blank = true;
      continue;
    }
    // Tested only on a line that ends in a rule: the pattern would scan a long run of spaces again and again.
    const trailing = /[-_]$/.test(trimmed) ? TRAILING_SEPARATOR.exec(raw) : null;
    const body = trailing === null ? raw : raw.slice(0, trailing.index);
    const md = stripMarkdownLine(body);
    if (md.rule || UNDERSCORES.test(trimmed)) {
      push(separatorLine());
      blank = true;
      continue;
    }
    if (md.text !== '' || md.footnote !== null) {
      push({
        raw: body.trim(),
        text: md.text,
        heading: md.heading,
        bullet: md.bullet,
        indent: md.indent,
        literal: md.literal,
        footnote: md.footnote,
        separator: false,
        blankBefore: false,
      });
    } else blank = true;
    if (trailing !== null) {
      push(separatorLine());
      blank = true;
    }
  }
  return lines;
}

function separatorLine(): SourceLine {
  return {
    raw: '',
    text: '',
    heading: 0,
    bullet: false,
    indent: 0,
    literal: false,
    footnote: null,
    separator: true,
    blankBefore: false,
  };
}
