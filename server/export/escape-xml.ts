const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Characters XML 1.0 does not allow at all, even escaped: most C0 controls, U+FFFE, U+FFFF. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the characters XML forbids is the point.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text or an attribute value for an XML document: markup characters escaped, characters XML
 * cannot hold dropped (a pasted control character must not make the whole file unreadable),
 * and a lone surrogate replaced by U+FFFD, as the `docx` library does in Word files.
 */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}
