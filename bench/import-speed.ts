// How long the import takes to read a text of 200 paragraphs, in the worker's function
// (parseImport), not counting the HTTP round trip: a resolution of 200 paragraphs made of the
// corpus's own paragraphs, pasted as is and as a PDF's text. `npx tsx bench/import-speed.ts`.
import { readCorpusText } from '../server/import/corpus/read-corpus-text.ts';
import { parseImport } from '../server/import/parse/parse-import.ts';
import { asPdf } from '../server/testing/degrade-text.ts';

const source = readCorpusText({ file: 'un-ga-80-4-cuba-embargo.txt', dir: 'corpus' });
const preambles = source
  .split('\n')
  .filter((line) => /^(?:Recalling|Concerned|Reaffirming|Taking note|Determined)/.test(line));
const operatives = source
  .split('\n')
  .filter((line) => /^\d+\. /.test(line))
  .map((line) => line.replace(/^\d+\. /, ''));
const paragraphs = ['80/4. A resolution of two hundred paragraphs', '', 'The General Assembly,', ''];
// Each paragraph made distinct from its first words on, as a real text's are: a paragraph
// repeated word for word, wrapped the same way each time, could pass for a running header.
const distinct = (text: string, i: number) => text.replace(/^(\S+)/, `$1 (${i})`);
for (let i = 0; i < 99; i++) paragraphs.push(distinct(preambles[i % preambles.length] ?? '', i), '');
for (let i = 0; i < 100; i++) paragraphs.push(`${i + 1}. ${distinct(operatives[i % operatives.length] ?? '', i)}`, '');
paragraphs.push('22nd plenary meeting 29 October 2025');
const text = paragraphs.join('\n');

function time(label: string, input: string): void {
  parseImport(input); // warm up the regular expressions and the JIT
  const runs = 20;
  const start = performance.now();
  let clauses = 0;
  for (let i = 0; i < runs; i++) {
    const outcome = parseImport(input);
    clauses = outcome.ok ? outcome.result.clauses.length : 0;
  }
  const ms = (performance.now() - start) / runs;
  console.log(`${label}: ${ms.toFixed(1)} ms per import (${clauses} clauses, ${(input.length / 1024).toFixed(0)} KiB)`);
}

time('200 paragraphs, one per block', text);
time('200 paragraphs, as a PDF’s text (wrapped, paginated)', asPdf(text, 80));
