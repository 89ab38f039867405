/** A paragraph number, letter or bullet at the start of a line, then a tab (and maybe more space). */
const NUMBER_THEN_TAB =
  /^([ \t]*(?:\(?\d{1,3}[.)]|\(\d{1,3}\)|\(?(?:[a-z]|aa|bb|cc|dd|ee|ff|gg|hh)[.)]|\((?:[a-z]|aa|bb|cc|dd|ee|ff|gg|hh)\)|\(?[ivxlc]{1,6}[.)]|\([ivxlc]{1,6}\)|[•▪◦·‣–-]))[ \u00a0]*\t[\t \u00a0]*/gm;

/**
 * Word saves a numbered paragraph as its number, a tab and the text ("2.\tRecommends …"); read
 * as tab-separated cells it would be a table row. The tab after a number, letter or bullet
 * becomes one space; tabs elsewhere (real table cells) stay.
 */
export function untabNumbers(text: string): string {
  return text.replace(NUMBER_THEN_TAB, '$1 ');
}
