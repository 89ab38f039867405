import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { importToClauses } from '../../shared/import/import-to-clauses.ts';
import { AdoptionRecord } from '../../shared/schemas/adoption.ts';
import { parseImport } from '../import/parse/parse-import.ts';
import { child, childElements, descendants, readXml, textOf, type XmlElement } from '../testing/read-xml.ts';
import {
  CHAIRS_REPORT_SAMPLE,
  FORMATTED_SAMPLE,
  sampleAdoptionRecord,
  sampleExportModel,
} from '../testing/sample-export-model.ts';
import { writeAkn } from './akn-export.ts';
import { writeDocx } from './docx-export.ts';
import { adoptedExportModel } from './export-model.ts';
import { writeHtml } from './html-export.ts';
import { writeMarkdown } from './markdown-export.ts';

const adopted = () => sampleExportModel('adopted', FORMATTED_SAMPLE);

/** Each run of Word's body: its text and the emphasis its properties set. */
async function docxRuns(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (xml === undefined) throw new Error('word/document.xml is missing');
  return descendants(child(readXml(xml), 'w:body'), 'w:r').map((run) => {
    const properties = childElements(run, 'w:rPr')[0];
    const has = (name: string) => properties !== undefined && childElements(properties, name).length > 0;
    const underline = properties === undefined ? undefined : childElements(properties, 'w:u')[0];
    return {
      text: descendants(run, 'w:t')
        .map((t) => textOf(t))
        .join(''),
      bold: has('w:b'),
      italic: has('w:i'),
      underline: underline?.attrs['w:val'] ?? null,
      superscript: has('w:vertAlign'),
      note: descendants(run, 'w:footnoteReference').length > 0,
    };
  });
}

describe('a clause’s bold, italic and underline in every export', () => {
  it('sets them as Word runs of their own, and leaves the words around them plain', async () => {
    const runs = await docxRuns(await writeDocx(adopted()));
    const run = (text: string) => runs.find((r) => r.text === text);
    expect(run('importance')).toMatchObject({ bold: true, italic: false, underline: null });
    expect(run('RECOGNISING the ')).toMatchObject({ bold: false, italic: false, underline: null });
    expect(run('maritime')).toMatchObject({ bold: false, italic: true, underline: null });
    expect(run('without delay')).toMatchObject({ bold: false, italic: true, underline: 'single' });
    expect(run('freedom')).toMatchObject({ bold: true, italic: false, underline: 'single' });
    // The line break before "(a)" stays a break in the paragraph.
    expect(run('(a) ')).toBeDefined();
  });

  it('writes them in HTML as <strong>, <em> and <u>, properly nested', () => {
    const html = writeHtml(adopted());
    expect(html).toContain('RECOGNISING the <strong>importance</strong> of practical cooperation;');
    expect(html).toContain('STRENGTHEN <em>maritime</em> cooperation <u><em>without delay</em></u>;');
    expect(html).toContain('UPHOLD the following:<br>(a) <u><strong>freedom</strong></u> of navigation;');
  });

  it('writes them in Akoma Ntoso as the inline elements b, i and u, in well-formed XML', () => {
    const xml = writeAkn(adopted());
    const root = readXml(xml);
    const inline = (name: string) => descendants(root, name).map((e) => textOf(e));
    expect(inline('b')).toEqual(['importance', 'freedom']);
    expect(inline('i')).toEqual(['maritime', 'without delay']);
    expect(inline('u')).toEqual(['without delay', 'freedom']);
    expect(xml).toContain('<u><i>without delay</i></u>');
    const paragraph = descendants(root, 'paragraph').find((p) => p.attrs.eId === 'para_1') as XmlElement;
    expect(textOf(child(child(paragraph, 'content'), 'p'), ['authorialNote'])).toBe(FORMATTED_SAMPLE.clauses[3]?.text);
  });

  it('writes them in Markdown as **, * and <u>, and the importer reads the same clauses back', () => {
    const markdown = writeMarkdown(adopted());
    expect(markdown).toContain('RECOGNISING the **importance** of practical cooperation;');
    expect(markdown).toContain('1. STRENGTHEN *maritime* cooperation <u>*without delay*</u>;[^1][^2]');
    expect(markdown).toContain('2. UPHOLD the following:\n   (a) <u>**freedom**</u> of navigation;');
    const outcome = parseImport(markdown);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const read = importToClauses(outcome.result);
    expect(read.title).toBe(FORMATTED_SAMPLE.title);
    expect(read.clauses.map((c) => [c.kind, c.text])).toEqual(FORMATTED_SAMPLE.clauses.map((c) => [c.kind, c.text]));
  });

  it('adds a resolution’s italic opening words to the clause’s own emphasis', () => {
    const model = sampleExportModel('current', {
      ...FORMATTED_SAMPLE,
      kind: 'resolution',
      clauses: [
        {
          kind: 'operative',
          text: 'Decides to act now;',
          runs: [
            { text: 'Decides', format: 'b' },
            { text: ' to act ', format: '' },
            { text: 'now', format: 'u' },
            { text: ';', format: '' },
          ],
        },
      ],
      reservations: [],
    });
    expect(writeHtml(model)).toContain('<strong><em>Decides</em></strong> to act <u>now</u>;');
    expect(writeMarkdown(model)).toContain('1. ***Decides*** to act <u>now</u>;');
  });
});

describe('several footnotes at one place', () => {
  it('read "1, 2" in HTML: one superscript, the markers apart, each its own link', () => {
    const html = writeHtml(adopted());
    expect(html).toContain(
      '<sup class="fnref"><a href="#fn-1" id="fnref-1" aria-label="Footnote 1">1</a>, ' +
        '<a href="#fn-2" id="fnref-2" aria-label="Footnote 2">2</a></sup>',
    );
  });

  it('are separated in Word by a superscript comma between the two references', async () => {
    const runs = await docxRuns(await writeDocx(adopted()));
    const at = runs.findIndex((r) => r.note);
    // A reference is superscript by its style, the comma by its own properties.
    expect(runs.slice(at, at + 3).map((r) => [r.note, r.text, r.superscript])).toEqual([
      [true, '', false],
      [false, ', ', true],
      [true, '', false],
    ]);
  });
});

describe('an adopted record with emphasis', () => {
  it('keeps each formatted clause’s runs, and none for a plain one', () => {
    const record = sampleAdoptionRecord(FORMATTED_SAMPLE);
    expect(record.clauses.map((c) => c.runs?.length ?? null)).toEqual([null, 3, null, 5, 3, null]);
    expect(AdoptionRecord.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  it('exports the same bytes every time, in every format', async () => {
    const record = JSON.stringify(sampleAdoptionRecord(FORMATTED_SAMPLE));
    const model = () => adoptedExportModel(AdoptionRecord.parse(JSON.parse(record)), '2025-10-20T08:00:00.000Z');
    expect(writeMarkdown(model())).toBe(writeMarkdown(model()));
    expect(writeHtml(model())).toBe(writeHtml(model()));
    expect(writeAkn(model())).toBe(writeAkn(model()));
    expect(Buffer.from(await writeDocx(model())).equals(Buffer.from(await writeDocx(model())))).toBe(true);
  });
});

describe('a record adopted before emphasis was kept', () => {
  // As the code before this change wrote it for the chair's report sample, with no `runs`.
  const stored = readFileSync(new URL('../testing/record-adopted-before-emphasis.json', import.meta.url), 'utf8');
  const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

  it('still reads, and is the record the adoption writes today for the same text', () => {
    const record = AdoptionRecord.parse(JSON.parse(stored));
    expect(record.clauses.every((c) => c.runs === undefined)).toBe(true);
    // The same keys in the same order, and the same values (the file itself is laid out by Biome).
    expect(JSON.stringify(sampleAdoptionRecord(CHAIRS_REPORT_SAMPLE))).toBe(JSON.stringify(JSON.parse(stored)));
  });

  it('exports byte for byte as it did before emphasis was exported', async () => {
    const model = adoptedExportModel(AdoptionRecord.parse(JSON.parse(stored)), '2025-10-20T08:00:00.000Z');
    // The digests of its exports made by the code before this change.
    expect(sha256(writeMarkdown(model))).toBe('f428513206b807607fd9c7352ab412780475c6f6de2a8e422e20b210b45e5cdc');
    expect(sha256(writeHtml(model))).toBe('3d395c431d57d42ace822e4da6df58ef7dd0f9d40f290bb64b671129cd2d285b');
    expect(sha256(writeAkn(model))).toBe('1e83d2ac6dde903655e0cafa1c631e20d4608e4f8729c48c586b8e1063c4126f');
    expect(sha256(await writeDocx(model))).toBe('6c9a836f191b20aec46229418c0a0cc750e7e37dfbf259e378746944dffcc187');
  });
});
