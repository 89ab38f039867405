/** One line of input with its Markdown read off it. */
export interface MarkdownLine {
  /** The text without Markdown syntax: no markers, emphasis, footnote references, entities. */
  text: string;
  /** `#` heading level 1-6; 0 when the line is no heading. */
  heading: number;
  /** Opened with a bullet marker (`-`, `*`, `+`, `•`, `–`), which is removed. */
  bullet: boolean;
  /** Leading spaces (a tab counts 4): a list item's continuation lines are indented. */
  indent: number;
  /** Written with a leading backslash so Markdown reads it as text: never a marker or heading. */
  literal: boolean;
  /** Opened with `>`. */
  quoted: boolean;
  /** A footnote definition `[^label]: text`: its label; the text is in `text`. */
  footnote: string | null;
  /** A thematic break (`---`, `***`) or a table's separator row: a break, no text. */
  rule: boolean;
}

const BLOCK_ESCAPE = /^\\(?=[#>*+[\-\d])/;
const HEADING = /^(#{1,6})(?:\s|$)/;
const FOOTNOTE_DEFINITION = /^\[\^([^\]\s]+)\]:\s*(.*)$/;
const BULLET = /^[-*+•▪◦·‣–](?:\s+|$)/;
const RULE = /^(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|=+)$/;
const TABLE_SEPARATOR = /^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?$/;

/** Reads one line (already normalised) of Markdown or plain text; plain text passes unchanged. */
export function stripMarkdownLine(line: string): MarkdownLine {
  const indent = leadingWidth(line);
  let text = line.trim();
  const result: MarkdownLine = {
    text: '',
    heading: 0,
    bullet: false,
    indent,
    literal: false,
    quoted: false,
    footnote: null,
    rule: false,
  };
  if (BLOCK_ESCAPE.test(text)) {
    result.literal = true;
    text = text.slice(1);
  } else {
    while (text.startsWith('>')) {
      result.quoted = true;
      text = text.replace(/^>\s?/, '').trim();
    }
    if (RULE.test(text) || TABLE_SEPARATOR.test(text)) return { ...result, rule: true };
    const heading = HEADING.exec(text);
    const footnote = FOOTNOTE_DEFINITION.exec(text);
    if (heading !== null) {
      result.heading = heading[1]?.length ?? 0;
      // A closing run of `#` ("## Heading ##") is decoration.
      text = text
        .slice(result.heading)
        .trim()
        .replace(/(?:^|\s)#+$/, '');
    } else if (footnote !== null) {
      result.footnote = footnote[1] ?? '';
      text = footnote[2] ?? '';
    } else if (BULLET.test(text)) {
      result.bullet = true;
      text = text.replace(BULLET, '');
    }
  }
  result.text = stripInline(text);
  return result;
}

/**
 * Inline Markdown off a line of text: emphasis markers, footnote references, links and images
 * (their text kept), inline code marks, simple HTML tags, backslash escapes and HTML entities.
 * A backslash-escaped marker (`\*`, `\[^1]`, `` \` ``), as the Markdown export writes a
 * clause's own characters, is text and stays.
 */
export function stripInline(text: string): string {
  // Most lines of a pasted text hold no markup at all.
  if (!/[*_[<`&\\]/.test(text)) return text.trim();
  let out = text
    .replace(/ ?(?<!\\)\[\^[^\]\s[]{1,40}\](?!:)/g, '')
    .replace(/!?(?<!\\)\[([^\][]*)(?<!\\)\]\([^()\s[\]]*(?:\s+"[^"\n]*")?\)/g, '$1')
    .replace(/(?<!\\)(?:\*\*|__)/g, '')
    .replace(/<\/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?\/?>/g, '')
    .replace(/(?<!\\)`([^`]*)(?<!\\)`/g, '$1');
  out = stripEmphasis(out, '*');
  out = stripEmphasis(out, '_');
  return decodeEntities(out.replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1')).trim();
}

/**
 * Removes pairs of single emphasis markers (`*x*`, `_x_`) in one linear pass: a marker opens
 * before a non-space and after a non-word character, closes after a non-space and before a
 * non-word character. A lone `*` (as in "2 * 3") or an intra-word `_` stays.
 */
function stripEmphasis(text: string, marker: '*' | '_'): string {
  const isWord = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
  const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);
  let out = '';
  let open = -1;
  let openOut = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      out += text.slice(i, i + 2);
      i++;
      continue;
    }
    if (ch !== marker) {
      out += ch;
      continue;
    }
    const before = text[i - 1];
    const after = text[i + 1];
    if (open !== -1 && !isSpace(before) && !isWord(after)) {
      out = out.slice(0, openOut) + out.slice(openOut + 1);
      open = -1;
      continue;
    }
    if (!isWord(before) && !isSpace(after) && after !== marker) {
      open = i;
      openOut = out.length;
    }
    out += ch;
  }
  return out;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  hellip: '…',
  middot: '·',
  bull: '•',
  shy: '',
  copy: '©',
  reg: '®',
  deg: '°',
  sect: '§',
  para: '¶',
  times: '×',
  eacute: 'é',
  egrave: 'è',
  aacute: 'á',
  agrave: 'à',
  oacute: 'ó',
  uacute: 'ú',
  iacute: 'í',
  ntilde: 'ñ',
  ccedil: 'ç',
  uuml: 'ü',
  ouml: 'ö',
  auml: 'ä',
};

/** HTML character references; an unknown name or an invalid code point is left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function leadingWidth(line: string): number {
  let width = 0;
  for (const ch of line) {
    if (ch === ' ') width += 1;
    else if (ch === '\t') width += 4;
    else break;
  }
  return width;
}
