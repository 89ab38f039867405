/**
 * Headings that open a part of a report: "SESSION I: ...", "Opening Remarks", "Discussion",
 * "Recommendations", "Other Matters", "I. Introduction". Lines in capitals count too, unless
 * they hold a comma: "IDS, MOD" is the end of an affiliation.
 */
const MAJOR_HEADINGS = [
  /^(?:session|part|chapter|section|agenda item|item|annex|appendix)\s+(?:[ivxlcdm]+|\d+|[a-z])\b/i,
  // Roman numerals only: "S. Rajaratnam School ..." starts with an initial.
  /^[IVX]{1,4}\.\s+\S/,
  /^(?:opening|closing|welcome|welcoming|concluding|introductory|keynote)\s+(?:remarks|address(?:es)?|statements?|session|speech(?:es)?)\s*:?$/i,
  /^(?:discussions?|recommendations?|other matters|any other (?:business|matters?)|conclusions?|summary|introduction|background|overview|adoption of (?:the )?agenda|agenda|programme|program|attendance|participants|date and venue|venue|next meeting|ways? forward|observations?|findings|key takeaways)\s*:?$/i,
];

export function isMajorHeading(text: string): boolean {
  // In capitals, but not a list of acronyms such as an affiliation ("IDS, MOD").
  if (text.length <= 120 && /\p{Lu}/u.test(text) && !/[\p{Ll},]/u.test(text)) return true;
  return MAJOR_HEADINGS.some((pattern) => pattern.test(text));
}

/** A line of a heading block: its text and its Markdown heading level (0 for none). */
export interface HeadingLine {
  text: string;
  heading: number;
}

/**
 * Groups the unnumbered lines between two numbered paragraphs into headings. A major heading
 * ("SESSION I: ...", "Opening Remarks", "Discussion") stands alone; the lines after it, such as
 * a presenting institution, the talk's title, the speaker and the speaker's post, form ONE
 * heading together ("Brunei Darussalam\nPresentation by Mr ..."): they describe the
 * paragraphs that follow and are not headings of their own. A Markdown heading always starts a
 * new heading, and the plain lines right after it stay in it.
 */
export function splitHeadings(block: readonly HeadingLine[]): string[] {
  const headings: string[] = [];
  let lines: string[] = [];
  let standalone = false;
  const flush = () => {
    if (lines.length > 0) headings.push(lines.join('\n'));
    lines = [];
  };
  for (const line of block) {
    const major = line.heading === 0 && isMajorHeading(line.text);
    if (lines.length === 0 || major || standalone || line.heading > 0) {
      flush();
      standalone = major;
    }
    lines.push(line.text);
  }
  flush();
  return headings;
}
