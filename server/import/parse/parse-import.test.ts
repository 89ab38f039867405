import admmPlus from '@fixtures/admm-plus-2025-joint-statement.txt?raw';
import siemReap from '@fixtures/nadi-2024-siem-reap-chairmans-report.txt?raw';
import manila from '@fixtures/nadi-2025-manila-chairmans-report.txt?raw';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importToClauses } from '../../../shared/import/import-to-clauses.ts';
import { ImportLimits, ImportResult } from '../../../shared/schemas/import.ts';
import { PLAIN_TEXT_NOTICE } from '../recognise/assemble-report.ts';
import { capWarnings, parseImport } from './parse-import.ts';

function count(result: ImportResult, kind: string): number {
  return result.clauses.filter((clause) => clause.kind === kind).length;
}

function resultOf(text: string): ImportResult {
  const outcome = parseImport(text);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return ImportResult.parse(outcome.result);
}

/** Markdown as the export writes a draft: `# title`, `## heading`, `N.` list items, blank lines. */
function asExportMarkdown(result: ImportResult): string {
  const { title, clauses } = importToClauses(result);
  const blocks = [`# ${title}`, '> DRAFT — not adopted'];
  let number = 0;
  for (const clause of clauses) {
    if (clause.kind === 'heading') blocks.push(`## ${clause.text}`);
    else if (clause.kind === 'operative' || clause.kind === 'paragraph') {
      number += 1;
      blocks.push(`${number}. ${clause.text.split('\n').join(`\n${' '.repeat(`${number}. `.length)}`)}`);
    } else blocks.push(clause.text);
  }
  return blocks.join('\n\n');
}

describe('parseImport on the fixtures', () => {
  it('answers a joint statement with 9 preambular and 11 operative clauses for the ADMM-Plus text', () => {
    const result = resultOf(admmPlus);
    expect(result.kind).toBe('joint-statement');
    expect([count(result, 'preamble'), count(result, 'operative')]).toEqual([9, 11]);
    expect(result.warnings).toEqual([]);
  });

  it('answers chair’s reports of 55 and 50 paragraphs for the NADI reports', () => {
    for (const [text, paragraphs] of [
      [siemReap, 55],
      [manila, 50],
    ] as const) {
      const result = resultOf(text);
      expect(result.kind).toBe('chairs-report');
      expect(count(result, 'paragraph')).toBe(paragraphs);
    }
  });

  it.each([
    ['the ADMM-Plus statement', admmPlus],
    ['the Siem Reap report', siemReap],
    ['the Manila report', manila],
  ])('reads back the same clauses from %s written as Markdown', (_name, text) => {
    const first = importToClauses(resultOf(text));
    const again = importToClauses(resultOf(asExportMarkdown(resultOf(text))));
    expect(again).toEqual(first);
  });
});

describe('parseImport on awkward input', () => {
  it('refuses empty input, whitespace and markup alone', () => {
    for (const text of ['', '   \n\t\r\n  ', '---\n\n> DRAFT — not adopted\n\n\u200b']) {
      const outcome = parseImport(text);
      expect(outcome.ok, JSON.stringify(text)).toBe(false);
      if (!outcome.ok) expect(outcome.error.code).toBe('empty');
    }
  });

  it('makes plain paragraphs of one line of prose, with a notice', () => {
    expect(resultOf('The delegations met informally over lunch.')).toEqual({
      kind: 'chairs-report',
      title: '',
      date: null,
      place: null,
      closing: null,
      clauses: [{ kind: 'paragraph', text: 'The delegations met informally over lunch.', closeCall: null }],
      dropped: [],
      warnings: [PLAIN_TEXT_NOTICE],
    });
  });

  it('keeps smart quotes as written', () => {
    const result = resultOf('1. The “Chair’s” text.\n2. ‘Quoted’ words.');
    expect(result.clauses.map((c) => c.text)).toEqual(['The “Chair’s” text.', '‘Quoted’ words.']);
  });

  it('warns when a text gives more clauses than a draft holds', () => {
    const text = Array.from({ length: 1001 }, (_, i) => `${i + 1}. Paragraph.`).join('\n');
    expect(resultOf(text).warnings).toEqual([expect.stringContaining('1001 clauses')]);
  });

  it('sums up a flood of warnings', () => {
    const warnings = capWarnings(Array.from({ length: 100 }, (_, i) => `Warning ${i + 1}.`));
    expect(warnings).toHaveLength(30);
    expect(warnings.at(-1)).toBe('… and 71 more warnings.');
  });

  it('sums up the breaks in a report’s numbering', () => {
    const text = Array.from({ length: 40 }, (_, i) => `${(i + 1) * 2}. Paragraph.`).join('\n');
    expect(resultOf(text).warnings.at(-1)).toBe('The paragraph numbering breaks 30 more times.');
  });

  it('lists each footnote it leaves out where it stood', () => {
    const text = ['1. One.[^1]', '2. Two.', '[^1]: A reservation.'].join('\n');
    expect(resultOf(text).dropped).toEqual([{ text: '[^1]: A reservation.', reason: 'footnote', before: 2 }]);
  });

  it('reads 2 MB of report text', () => {
    let text = siemReap;
    while (text.length < ImportLimits.maxBytes) text += `\n${siemReap}`;
    const result = resultOf(text);
    expect(result.kind).toBe('chairs-report');
  });

  it.each([
    ['one long line of prose', 'word '.repeat(400_000)],
    ['unclosed emphasis', '*a '.repeat(300_000)],
    ['unclosed footnote references', '[^'.repeat(500_000)],
    ['unclosed links', '[a]('.repeat(250_000)],
    ['spaces', `a${' '.repeat(1_000_000)}b`],
    ['thousands of short lines', 'A\n'.repeat(500_000)],
    ['thousands of paragraphs numbered 1', '1. A\n'.repeat(300_000)],
    ['thousands of table rows', 'a\tb\n'.repeat(300_000)],
  ])('copes with pathological input: %s', (_name, text) => {
    // Timings are for the benchmark, not a test: a quadratic parser would exceed the test timeout.
    const outcome = parseImport(text);
    if (outcome.ok) ImportResult.parse(outcome.result);
    else expect(outcome.error.code).toBe('empty');
  });

  it('never throws and always answers a valid result, whatever the text', () => {
    const fragment = fc.constantFrom(
      '1. ',
      '2) ',
      '(3) ',
      '4 ',
      'a. ',
      '(ii) ',
      ' - ',
      '* ',
      '# ',
      '## ',
      '> ',
      '[^1]: ',
      '[^1]',
      '**',
      '_',
      '\\',
      '\t',
      '\n',
      '\r\n',
      '\n\n',
      '\f',
      'RECOGNISING ',
      'WE HEREBY COMMIT TO:',
      'COMMEND ',
      'ADOPTED in Kuala Lumpur on 1 November 2025.',
      'the First Day of November in the Year Two Thousand and ',
      'Chairman’s Report',
      'Discussion',
      'SESSION I',
      '&amp;',
      '&#xD800;',
      '“',
      ';',
      ':',
      '.',
      'text ',
      '\u00a0',
      '\u200b',
      '\ufeff',
    );
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.array(fragment, { maxLength: 80 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (input) => {
        const outcome = parseImport(input);
        if (outcome.ok) {
          ImportResult.parse(outcome.result);
          importToClauses(outcome.result);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
