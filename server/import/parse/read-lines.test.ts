import { describe, expect, it } from 'vitest';
import { readLines } from './read-lines.ts';

const texts = (raw: string) => readLines(raw).lines.map((line) => line.text);

describe('readLines', () => {
  it('reads Windows line endings and marks blank lines before a line', () => {
    const { lines } = readLines('One.\r\n\r\nTwo.\r\nThree.\r\n');
    expect(lines.map((l) => [l.text, l.blankBefore])).toEqual([
      ['One.', true],
      ['Two.', true],
      ['Three.', false],
    ]);
  });

  it('joins a line wrapped after a word such as "of" or "and"', () => {
    expect(texts("CHAIRMAN'S REPORT OF\nTRACK II NETWORK")).toEqual(["CHAIRMAN'S REPORT OF TRACK II NETWORK"]);
  });

  it('joins a line that goes on in lower case, keeping a hyphen that breaks a word', () => {
    expect(texts('capacity-\nbuilding and the\nregion’s peace')).toEqual(['capacity-building and the region’s peace']);
  });

  it('does not join a clause ending in "; and" to the next clause', () => {
    expect(texts('stability; and\nUNDERSCORING the importance')).toEqual([
      'stability; and',
      'UNDERSCORING the importance',
    ]);
  });

  it('does not join list items, sub-items or table rows', () => {
    expect(texts('1. The outcomes of\n2. The next\na. First\nDate\tPlace')).toEqual([
      '1. The outcomes of',
      '2. The next',
      'a. First',
      'Date\tPlace',
    ]);
  });

  it('leaves out footnote definitions with a warning', () => {
    const { lines, warnings } = readLines('COMMEND the work;[^1]\n\n[^1]: Myanmar reserves its position.');
    expect(lines.map((l) => l.text)).toEqual(['COMMEND the work;']);
    expect(warnings).toEqual([expect.stringContaining('footnote [^1]')]);
  });

  it('leaves out the draft banner and the adoption hash of an export, with warnings', () => {
    const hash = 'a'.repeat(64);
    const { lines, warnings } = readLines(
      `# Title\n\n> DRAFT — not adopted\n\nText.\n\n> Adopted text SHA-256: ${hash}`,
    );
    expect(lines.map((l) => l.text)).toEqual(['Title', 'Text.']);
    expect(warnings).toHaveLength(2);
  });

  it('leaves out page numbers and thematic breaks', () => {
    expect(texts('End of page.\n\nPage 2 of 9\n\n- 3 -\n\n---\n\nNext page.')).toEqual(['End of page.', 'Next page.']);
  });

  it('reads a setext heading', () => {
    expect(readLines('Joint Statement\n===============\n\nText').lines[0]).toMatchObject({
      text: 'Joint Statement',
      heading: 1,
    });
  });

  it('leaves out running page headers and marks the break they leave', () => {
    const page = (body: string) => `Track II\nNADI Meeting\n\n${body}`;
    const { lines, warnings } = readLines([page('1. One'), page('2. Two'), page('3. Three')].join('\n\n'));
    expect(lines.map((l) => l.text)).toEqual(['1. One', '2. Two', '3. Three']);
    expect(lines.every((l) => l.blankBefore)).toBe(true);
    expect(warnings).toEqual([expect.stringContaining('running page headers')]);
  });
});
