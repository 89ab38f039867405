import { describe, expect, it } from 'vitest';
import { plainRuns } from '../../shared/clause-runs.ts';
import {
  CHAIRS_REPORT_SAMPLE,
  DEMO_SAMPLE,
  RESOLUTION_SAMPLE,
  sampleExportModel,
} from '../testing/sample-export-model.ts';
import type { ExportModel } from './export-model.ts';
import { writeMarkdown } from './markdown-export.ts';

/**
 * Reads the Markdown back as the importer should: blocks split at blank lines, list items at
 * their markers, markers, footnote references and escapes removed. Notes and the title are
 * returned apart.
 */
function readBack(markdown: string) {
  const blocks = markdown.trimEnd().split(/\n{2,}/);
  const title = blocks.shift()?.replace(/^# /, '');
  const clauses: Array<{ heading: boolean; number: number | null; text: string }> = [];
  const quotes: string[] = [];
  const notes: string[] = [];
  const clean = (text: string) =>
    text
      .replace(/(\[\^\d+\])+$/, '')
      .replace(/\\([!-/:-@[-`{-~])/g, '$1')
      .replaceAll('&lt;', '<')
      .replaceAll('&amp;', '&');
  for (const block of blocks) {
    if (block.startsWith('> ')) quotes.push(block.slice(2));
    else if (block.startsWith('[^')) notes.push(...block.split('\n'));
    else if (block.startsWith('## ')) clauses.push({ heading: true, number: null, text: clean(block.slice(3)) });
    else if (/^\d+\. /.test(block)) {
      for (const item of block.split(/\n(?=\d+\. )/)) {
        const [, number = '', text = ''] = /^(\d+)\. ([\s\S]*)$/.exec(item) ?? [];
        clauses.push({ heading: false, number: Number(number), text: clean(text.replace(/\n {3,4}/g, '\n')) });
      }
    } else clauses.push({ heading: false, number: null, text: clean(block) });
  }
  return { title, clauses, quotes, notes };
}

/** The demo's draft with these preamble clauses only. */
function withClauses(texts: string[]): ExportModel {
  const clauses = texts.map((text, i) => ({
    id: `c${i}`,
    kind: 'preamble' as const,
    label: '',
    number: null,
    text,
    runs: plainRuns(text),
    notes: [],
    opener: null,
  }));
  return { ...sampleExportModel('current'), clauses, notes: [] };
}

describe('writeMarkdown', () => {
  it('writes the title, the draft marker, then every clause verbatim in order, operative clauses numbered', () => {
    const markdown = writeMarkdown(sampleExportModel('current'));
    const read = readBack(markdown);
    expect(read.title).toBe(DEMO_SAMPLE.title);
    expect(read.quotes).toEqual(['DRAFT — not adopted']);
    expect(read.clauses.map((c) => c.text)).toEqual(DEMO_SAMPLE.clauses.map((c) => c.text));
    expect(read.clauses.filter((c) => c.number !== null).map((c) => c.number)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
    expect(markdown).toMatch(/\n\nWE HEREBY COMMIT TO:\n\n1\. COMMEND the 15 years[^\n]*\n2\. UPHOLD /);
  });

  it('marks reservations with footnote references and defines the footnotes at the end', () => {
    const markdown = writeMarkdown(sampleExportModel('current'));
    expect(markdown).toContain('ASEAN Community-building process;[^1]\n\n');
    expect(markdown).toContain('regional stability and cooperation;[^2]\n3. ENHANCE');
    expect(markdown.trimEnd().split('\n').slice(-2)).toEqual([
      '[^1]: USA reserves its position on preambular paragraph 1: cannot accept <"binding"> & \'nonbinding\' together',
      '[^2]: RUS reserves its position on paragraph 2: awaiting instructions from capital',
    ]);
  });

  it('after adoption writes the date under the title and the adoption hash, and no draft marker', () => {
    const model = sampleExportModel('adopted');
    const markdown = writeMarkdown(model);
    expect(markdown.startsWith(`# ${DEMO_SAMPLE.title}\n\n1 November 2025\n\nThe Twelfth`)).toBe(true);
    expect(markdown).not.toContain('DRAFT');
    expect(readBack(markdown).quotes).toEqual([`Adopted text SHA-256: ${model.adoption?.textHash}`]);
  });

  it('writes a chair’s report as headings and numbered paragraphs, numbering across headings', () => {
    const markdown = writeMarkdown(sampleExportModel('current', CHAIRS_REPORT_SAMPLE));
    expect(markdown).toContain('\n\n## Opening Remarks\n\n2. In his remarks');
    expect(markdown).toContain('\n\n## Session I: Keynote\n\n4. Assistant Secretary');
    const read = readBack(markdown);
    expect(read.clauses.map((c) => c.text)).toEqual(CHAIRS_REPORT_SAMPLE.clauses.map((c) => c.text));
    expect(read.clauses.map((c) => (c.heading ? 'heading' : c.number))).toEqual([1, 'heading', 2, 3, 'heading', 4]);
  });

  it('keeps a clause’s own line breaks, indented under its list item', () => {
    const markdown = writeMarkdown(sampleExportModel('current', CHAIRS_REPORT_SAMPLE));
    expect(markdown).toContain('3. The Meeting agreed on the following:\n   a. to continue the exchanges;\n   b. to');
  });

  it('escapes a line that Markdown would read as structure', () => {
    const markdown = writeMarkdown(withClauses(['# not a heading', '1. not a list\n> not a quote', '[^3]: no note']));
    expect(markdown).toContain('\n\n\\# not a heading\n\n\\1. not a list\n\\> not a quote\n\n\\[^3]: no note\n');
  });

  it('escapes a link reference definition, indented or not, so that no [reference] of the text links anywhere', () => {
    const texts = ['[a]: javascript:alert(1)', 'UPHOLD the [law][a], and  [b]: https://evil.example too', '  [c]: x'];
    const markdown = writeMarkdown(withClauses(texts));
    expect(markdown).toContain('\n\n\\[a]: javascript:alert(1)\n');
    expect(markdown).toContain('\n\n  \\[c]: x\n');
    expect(markdown).not.toMatch(/^ {0,3}\[[^\]]*\]:/m);
    expect(readBack(markdown).clauses.map((c) => c.text)).toEqual(texts);
  });

  it('escapes inside a line only what Markdown would read as markup', () => {
    const texts = [
      'NOTING *stars*, `code`, _emphasis_ and snake_case_words',
      'RECALLING <b>tags</b>, &amp; and &#169; but not R&D, a < b or <"quotes">',
      'WELCOMING [bracketed text] and [link](x) and [^1], C:\\path\\ and a \\ alone, but \\(escaped)',
    ];
    const markdown = writeMarkdown(withClauses(texts));
    expect(markdown).toContain('NOTING \\*stars\\*, \\`code\\`, \\_emphasis\\_ and snake_case_words\n');
    expect(markdown).toContain(
      'RECALLING &lt;b>tags&lt;/b>, &amp;amp; and &amp;#169; but not R&D, a < b or <"quotes">\n',
    );
    expect(markdown).toContain(
      '[bracketed text] and [link\\](x) and \\[^1], C:\\path\\ and a \\ alone, but \\\\(escaped)\n',
    );
    expect(readBack(markdown).clauses.map((c) => c.text)).toEqual(texts);
  });

  it('writes a resolution’s body, its preambular paragraphs and its numbered operative ones opening in italics', () => {
    const markdown = writeMarkdown(sampleExportModel('current', RESOLUTION_SAMPLE));
    expect(markdown).toContain(
      '\n\nThe General Assembly,\n\n*Recalling also* its resolution 79/7 of 30 October 2024,\n\n',
    );
    expect(markdown).toContain('1. *Takes note with appreciation* of the report;\n2. *Requests* the Secretary-General');
    expect(markdown).toContain('\n\n40th plenary meeting 14 November 2025\n');
  });
});
