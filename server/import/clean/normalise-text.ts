/**
 * Spaces that word processors and PDF viewers paste in place of a plain space: no-break,
 * narrow no-break, figure, the typographic spaces U+2000-U+200A, ideographic.
 */
const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;

/** Invisible characters that only break matching: zero-width space/joiners, word joiner, BOM, soft hyphen. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/** C0/C1 controls other than tab and newline, which carry table cells and lines. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

/**
 * Smart quotes, dashes and spaces written as UTF-8 and read back as Windows-1252, as a text
 * copied through an old mail client or a mis-declared web page shows them ("Chairâ€™s").
 */
const MOJIBAKE: ReadonlyArray<[RegExp, string]> = [
  [/â€™/g, '’'],
  [/â€˜/g, '‘'],
  [/â€œ/g, '“'],
  [/â€[\u009d\ufffd]/g, '”'],
  [/â€“/g, '–'],
  [/â€”/g, '—'],
  [/â€¦/g, '…'],
  [/â€(?=[\s.,;:)]|$)/gm, '”'],
  [/Â(?=[\u00a0 ])/g, ''],
];

/** Smart quotes and dashes that reached the text mis-decoded, put back as they were written. */
export function repairMojibake(text: string): string {
  if (!text.includes('â€') && !text.includes('Â')) return text;
  return MOJIBAKE.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/**
 * Puts pasted or uploaded text into one shape before any parsing: "\n" line ends (CRLF, CR,
 * Unicode line and paragraph separators, vertical tab), page breaks (form feed) as blank lines,
 * odd spaces as plain spaces, invisible characters removed, NFC, each line trimmed at its end.
 * Smart quotes and dashes are kept as written, they are part of the text delegations agreed;
 * only mis-decoded ones are repaired (`repairMojibake`).
 */
export function normaliseText(raw: string): string {
  return (
    repairMojibake(raw)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: a vertical tab is a line break in Word's text.
      .replace(/\r\n?|[\u2028\u000b]/g, '\n')
      .replace(/[\u2029\f]/g, '\n\n')
      .replace(INVISIBLE, '')
      .replace(CONTROLS, '')
      .replace(ODD_SPACES, ' ')
      .normalize('NFC')
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
  );
}
