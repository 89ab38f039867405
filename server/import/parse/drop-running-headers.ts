/** A line that can be a running header: its text and whether it is a table row or a marker. */
export interface HeaderCandidate {
  text: string;
  /** Never a header: numbered paragraphs, sub-items, table rows. */
  fixed: boolean;
}

/** How often a line must repeat before it can be a running header. */
const MIN_REPEATS = 3;

/**
 * Finds the running headers and footers that a text copied out of a paginated document
 * repeats on every page, such as "Track II / Network of ASEAN Defence & Security Institutions
 * Meeting / <theme>" above each page of a NADI report. A line is one when it repeats at least
 * three times and, at least twice, stands next to another such repeated line: a header is a
 * group of lines. A heading that merely recurs ("Defence Industrial Ecosystems and Markets"
 * over three presentations, "Closing Remarks") stands next to different lines each time, so it
 * stays. Answers the indices of the lines to drop.
 */
export function findRunningHeaders(lines: readonly HeaderCandidate[]): Set<number> {
  const keys = lines.map((line) => (line.fixed ? null : headerKey(line.text)));
  const counts = new Map<string, number>();
  for (const key of keys) if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
  const repeated = (i: number) => {
    const key = keys[i];
    return key !== undefined && key !== null && (counts.get(key) ?? 0) >= MIN_REPEATS;
  };

  const adjacentTimes = new Map<string, number>();
  keys.forEach((key, i) => {
    if (key === null || !repeated(i)) return;
    if (repeated(i - 1) || repeated(i + 1)) adjacentTimes.set(key, (adjacentTimes.get(key) ?? 0) + 1);
  });

  const drop = new Set<number>();
  keys.forEach((key, i) => {
    if (key !== null && (adjacentTimes.get(key) ?? 0) >= 2) drop.add(i);
  });
  return drop;
}

function headerKey(text: string): string | null {
  const key = text.toLowerCase().replace(/\s+/g, ' ').trim();
  return key === '' || key.length > 200 ? null : key;
}
