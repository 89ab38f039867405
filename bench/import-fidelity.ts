// The fidelity table of the import: every text of the corpus × every degradation of the
// harness, "exact" when the same structure and clauses come out as from the published text,
// else the first thing that differs. `npx tsx bench/import-fidelity.ts [file] [variant]`
// prints the table, or the differences of one case.

// @ts-expect-error: a plain .mjs helper shared with the test configuration, without declarations.
import { findFixturesDir } from '../scripts/find-fixtures.mjs';
import { EXPECTED_STRUCTURES } from '../server/import/corpus/expected-structures.ts';
import { readCorpusText } from '../server/import/corpus/read-corpus-text.ts';
import { comparableClauses } from '../server/import/corpus/structure-of.ts';
import { parseImport } from '../server/import/parse/parse-import.ts';
import { DEGRADATIONS, degradationsFor } from '../server/testing/degrade-text.ts';
import type { ImportResult } from '../shared/schemas/import.ts';

process.env.MUFAKAT_FIXTURES_DIR ??= findFixturesDir();

function resultOf(text: string): ImportResult {
  const outcome = parseImport(text);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result;
}

/** The first difference between what the published text and a variant give, or null. */
function firstDifference(clean: ImportResult, variant: ImportResult): string | null {
  for (const key of ['kind', 'title', 'date', 'place'] as const) {
    if (clean[key] !== variant[key]) return `${key}: ${JSON.stringify(variant[key])} for ${JSON.stringify(clean[key])}`;
  }
  if (JSON.stringify(clean.closing) !== JSON.stringify(variant.closing))
    return `closing: ${JSON.stringify(variant.closing)}`;
  const a = comparableClauses(clean);
  const b = comparableClauses(variant);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x?.kind !== y?.kind || x?.text !== y?.text) {
      const p = [...(x?.text ?? '')].findIndex((c, j) => c !== y?.text[j]);
      const at = Math.max(0, (p === -1 ? (x?.text.length ?? 0) : p) - 60);
      return `clause ${i + 1}: ${y?.kind} …${JSON.stringify(y?.text.slice(at, at + 140))}\n      for ${x?.kind} …${JSON.stringify(x?.text.slice(at, at + 140))}`;
    }
  }
  return null;
}

const [onlyFile, onlyVariant] = process.argv.slice(2);
const variants = Object.keys(DEGRADATIONS);
let exact = 0;
let total = 0;
const rows: string[] = [];
for (const entry of EXPECTED_STRUCTURES) {
  if (onlyFile !== undefined && !entry.file.includes(onlyFile)) continue;
  const text = readCorpusText(entry);
  const clean = resultOf(text);
  const cells: string[] = [];
  const applicable = degradationsFor(entry.fromPdf === true);
  for (const variant of variants) {
    if (onlyVariant !== undefined && variant !== onlyVariant) continue;
    if (!applicable.includes(variant)) {
      cells.push('(is a PDF text)');
      continue;
    }
    const degraded = DEGRADATIONS[variant]?.(text) ?? text;
    const difference = firstDifference(clean, resultOf(degraded));
    total += 1;
    if (difference === null) exact += 1;
    cells.push(difference === null ? 'exact' : 'DIFFERS');
    if (difference !== null && onlyFile !== undefined) console.log(`${entry.file} × ${variant}\n   ${difference}`);
  }
  rows.push(`| ${entry.file} | ${cells.join(' | ')} |`);
}
console.log(`| text | ${variants.join(' | ')} |`);
console.log(`| --- | ${variants.map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(row);
console.log(`\n${exact} of ${total} exact.`);
