/**
 * The degradation harness: turns a published text into what a person would paste. Each
 * function is one way a text gets damaged on its way into Mufakat; `DEGRADATIONS` names them.
 * Paragraphs stay in order and no word changes: only layout and typography do.
 */

/**
 * Wraps every line at `width` columns, as a PDF viewer's or a mail client's copy does. Table
 * rows (tabs) stay whole, and so do the short lines a page sets apart between blank lines
 * without final punctuation (a heading, a running header).
 */
export function hardWrap(text: string, width: number, hyphenate = false): string {
  const lines = text.split('\n');
  return lines
    .map((line, i) => {
      const apart =
        (lines[i - 1] ?? '').trim() === '' && (lines[i + 1] ?? '').trim() === '' && !/[.;:,]$/.test(line.trim());
      if (line.includes('\t') || line.length <= width || (apart && line.length <= 120)) return line;
      return wrapLine(line, width, hyphenate).join('\n');
    })
    .join('\n');
}

function wrapLine(line: string, width: number, hyphenate: boolean): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current === '' || current.length + 1 + word.length <= width) {
      current = current === '' ? word : `${current} ${word}`;
      continue;
    }
    const room = width - current.length - 1;
    const split = hyphenate ? splitWord(word, room) : null;
    if (split !== null) {
      out.push(`${current} ${split[0]}`);
      current = split[1];
    } else {
      out.push(current);
      current = word;
    }
  }
  out.push(current);
  return out;
}

/**
 * Where a typesetter would break a word at the line end: after a hyphen of a compound
 * ("capacity-" / "building"), or inside a long word ("confi-" / "dence"), keeping three
 * letters at least on each side. Null when no break fits in `room`.
 */
function splitWord(word: string, room: number): [string, string] | null {
  const hyphen = word.lastIndexOf('-', room - 1);
  if (hyphen >= 2 && hyphen < word.length - 2 && /\p{L}-\p{L}/u.test(word.slice(hyphen - 1, hyphen + 2))) {
    return [word.slice(0, hyphen + 1), word.slice(hyphen + 1)];
  }
  const letters = /^(\p{L}+)([,;:.”’)]*)$/u.exec(word);
  if (letters === null || (letters[1]?.length ?? 0) < 8 || /^\p{Lu}{2}/u.test(word)) return null;
  const stem = letters[1] ?? '';
  const at = Math.min(room - 1, stem.length - 3);
  if (at < 3) return null;
  return [`${word.slice(0, at)}-`, word.slice(at)];
}

/**
 * A PDF's text: wrapped (and hyphenated) at `width`, with a page break every `pageLines`
 * lines: the page's footer (a page number in one of its usual forms, a UN job number under a
 * resolution) and the next page's running header (the title, and a resolution's symbol).
 */
export function asPdf(text: string, width: number): string {
  const numbered = /^\d{1,3}\/\d{1,4}\.\s+(.+)$/m.exec(text)?.[1];
  const title = numbered ?? text.split('\n').find((line) => line.trim() !== '') ?? '';
  const symbol = /^United Nations\s+(\S+\/\S+)/m.exec(text)?.[1] ?? null;
  const lines = hardWrap(text, width, true).split('\n');
  const pageLines = 28;
  const out: string[] = [];
  let page = 1;
  lines.forEach((line, i) => {
    out.push(line);
    if ((i + 1) % pageLines !== 0 || i === lines.length - 1) return;
    page += 1;
    const footer = [`Page ${page - 1} of 9`, `- ${page - 1} -`, `${page - 1}/9`, `${page - 1}`][page % 4] ?? '';
    out.push('', footer, symbol === null ? '' : `25-1${String(8760 + page)} (E)`, '\f');
    out.push(symbol === null ? title : `${symbol} ${title}`, '');
  });
  return out.join('\n');
}

/** Saved from Word as text: CRLF line ends, a tab after each paragraph number and letter, no-break spaces in dates and after numbers. */
export function asSavedFromWord(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/^(\(?\d{1,3}[.)]|\([a-z]\)|[a-z]\.)\s+/, '$1\t')
        .replace(
          /\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December)\b/g,
          '$1\u00a0$2',
        )
        .replace(/ $/, ''),
    )
    .join('\r\n');
}

/**
 * Copied from a web page as Markdown-ish text: bold openers in capitals, italic participles,
 * list markers before the items a colon introduces, numbers followed by two spaces, the
 * page's end mark; blocks stay where the text had them.
 */
export function asCopiedFromWeb(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let afterColon = false;
  for (const line of lines) {
    if (line.trim() === '') {
      out.push('');
      continue;
    }
    let md = line
      .replace(/^(\d{1,3}\.)\s+/, '$1  ')
      .replace(/^((?:\d{1,3}\.\s+)?)(\p{Lu}{3,}(?:\s+\p{Lu}{2,})*)(?=\s)/u, '$1**$2**')
      .replace(
        /^((?:Recalling|Reaffirming|Recognizing|Noting|Welcoming|Acknowledging|Expressing|Taking note|Having received|Determined|Concerned|Regretting|Guided by|Bearing in mind)(?: also| further| with concern| with appreciation)?)(?=[\s,])/,
        '*$1*',
      );
    if (afterColon && line.split(' ').length <= 12 && !/[.;]$/.test(line)) md = `- ${md}`;
    else afterColon = /:$/.test(line);
    out.push(md);
  }
  return `${out.join('\n')}\n\n\\###\n`;
}

/** Every degradation the harness applies, by name. */
export const DEGRADATIONS: Record<string, (text: string) => string> = {
  'wrapped at 60': (text) => hardWrap(text, 60),
  'wrapped at 75': (text) => hardWrap(text, 75),
  'wrapped at 90': (text) => hardWrap(text, 90),
  'hyphenated at 70': (text) => hardWrap(text, 70, true),
  'PDF pages at 80': (text) => asPdf(text, 80),
  'saved from Word': asSavedFromWord,
  'copied from the web': asCopiedFromWeb,
};

/** The degradations that apply to a text: all, or for a text that is already a PDF's, those that do not wrap or paginate it again. */
export function degradationsFor(fromPdf: boolean): string[] {
  return Object.keys(DEGRADATIONS).filter(
    (name) => !fromPdf || name === 'saved from Word' || name === 'copied from the web',
  );
}
