import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { child, childElements, descendants, readXml, textOf, type XmlElement } from '../testing/read-xml.ts';
import {
  CHAIRS_REPORT_SAMPLE,
  DEMO_SAMPLE,
  RESOLUTION_SAMPLE,
  SAMPLE_ADOPTED_AT,
  sampleExportModel,
} from '../testing/sample-export-model.ts';
import { writeDocx } from './docx-export.ts';
import { type ExportModel, ExportVersion } from './export-model.ts';

async function unpack(model: ExportModel) {
  const zip = await JSZip.loadAsync(await writeDocx(model));
  const part = async (path: string) => {
    const file = zip.file(path);
    if (file === null) throw new Error(`${path} is missing`);
    return readXml(await file.async('string'));
  };
  return { zip, part };
}

/** The body's paragraphs: their text (without footnote marks), numbering and footnote ids. */
function paragraphs(document: XmlElement) {
  const body = child(document, 'w:body');
  return childElements(body, 'w:p').map((p) => ({
    text: descendants(p, 'w:t')
      .map((t) => textOf(t))
      .join(''),
    lines: descendants(p, 'w:br').length,
    numId: descendants(p, 'w:numId')[0]?.attrs['w:val'] ?? null,
    footnotes: descendants(p, 'w:footnoteReference').map((r) => r.attrs['w:id']),
  }));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('writeDocx', () => {
  it('writes the title, the date and every clause in order, each its own paragraph', async () => {
    const { part } = await unpack(sampleExportModel('adopted'));
    const texts = paragraphs(await part('word/document.xml')).map((p) => p.text);
    expect(texts.slice(0, 2)).toEqual([DEMO_SAMPLE.title, '1 November 2025']);
    expect(texts.slice(2, 2 + DEMO_SAMPLE.clauses.length)).toEqual(DEMO_SAMPLE.clauses.map((c) => c.text));
  });

  it('numbers operative clauses with a real Word numbering, not typed digits', async () => {
    const { part } = await unpack(sampleExportModel('adopted'));
    const body = paragraphs(await part('word/document.xml'));
    const numbered = body.filter((p) => p.numId !== null);
    expect(numbered.map((p) => p.text)).toEqual(
      DEMO_SAMPLE.clauses.filter((c) => c.kind === 'operative').map((c) => c.text),
    );
    expect(new Set(numbered.map((p) => p.numId)).size).toBe(1);
    expect(numbered.every((p) => !/^\d+\./.test(p.text))).toBe(true);

    const numbering = await part('word/numbering.xml');
    const num = childElements(numbering, 'w:num').find((n) => n.attrs['w:numId'] === numbered[0]?.numId);
    const abstractId = num === undefined ? undefined : child(num, 'w:abstractNumId').attrs['w:val'];
    const abstract = childElements(numbering, 'w:abstractNum').find((a) => a.attrs['w:abstractNumId'] === abstractId);
    if (abstract === undefined) throw new Error('the numbering of the operative clauses is not defined');
    const level = childElements(abstract, 'w:lvl').find((l) => l.attrs['w:ilvl'] === '0');
    if (level === undefined) throw new Error('no level 0');
    expect(child(level, 'w:numFmt').attrs['w:val']).toBe('decimal');
    expect(child(level, 'w:lvlText').attrs['w:val']).toBe('%1.');
    expect(child(child(level, 'w:pPr'), 'w:ind').attrs).toMatchObject({ 'w:hanging': '567' });
  });

  it('writes reservations as real footnotes, referenced from their clause', async () => {
    const model = sampleExportModel('current');
    const { part } = await unpack(model);
    const body = paragraphs(await part('word/document.xml'));
    const withNotes = body.filter((p) => p.footnotes.length > 0);
    expect(withNotes.map((p) => [p.text.slice(0, 12), p.footnotes])).toEqual([
      ['RECOGNISING ', ['1']],
      ['UPHOLD the r', ['2']],
    ]);
    const footnotes = childElements(await part('word/footnotes.xml'), 'w:footnote').filter(
      (f) => f.attrs['w:type'] === undefined,
    );
    expect(footnotes.map((f) => [f.attrs['w:id'], textOf(child(f, 'w:p')).trim()])).toEqual(
      model.notes.map((n) => [String(n.number), n.text]),
    );
  });

  it('keeps a clause’s own line breaks and a report’s headings', async () => {
    const { part } = await unpack(sampleExportModel('current', CHAIRS_REPORT_SAMPLE));
    const document = await part('word/document.xml');
    const body = paragraphs(document);
    expect(body.find((p) => p.text.startsWith('The Meeting agreed'))?.lines).toBe(2);
    const headings = childElements(child(document, 'w:body'), 'w:p').filter(
      (p) => descendants(p, 'w:pStyle')[0]?.attrs['w:val'] === 'Heading2',
    );
    expect(headings.map((h) => textOf(h))).toEqual(['Opening Remarks', 'Session I: Keynote']);
    expect(body.filter((p) => p.numId !== null)).toHaveLength(4);
  });

  it('sets a resolution’s openers in italics, the rest of each paragraph upright', async () => {
    const { part } = await unpack(sampleExportModel('current', RESOLUTION_SAMPLE));
    const document = await part('word/document.xml');
    const italic = descendants(document, 'w:r')
      .filter((run) => descendants(run, 'w:i').length > 0)
      .map((run) => textOf(run));
    expect(italic).toEqual(['Recalling also', 'Recognizing', 'Takes note with appreciation', 'Requests']);
  });

  it('marks a draft with a "DRAFT — not adopted" watermark in its header, and an adopted text not', async () => {
    const draft = await unpack(sampleExportModel('current'));
    const header = draft.zip.file(/^word\/header\d*\.xml$/)[0];
    expect(await header?.async('string')).toMatch(/<v:textpath[^>]*string="DRAFT — not adopted"/);
    const adopted = await unpack(sampleExportModel('adopted'));
    expect(adopted.zip.file(/^word\/header\d*\.xml$/)).toHaveLength(0);
  });

  it('names the adoption hash in the text and in the document properties', async () => {
    const model = sampleExportModel('adopted');
    const { part } = await unpack(model);
    const hash = model.adoption?.textHash ?? '';
    expect(paragraphs(await part('word/document.xml')).at(-1)?.text).toContain(hash);
    const core = await part('docProps/core.xml');
    expect(textOf(child(core, 'dc:description'))).toBe(`Adopted text, SHA-256 ${hash}`);
    expect(textOf(child(core, 'dc:title'))).toBe(DEMO_SAMPLE.title);
  });

  it('gives the same bytes for the same adopted text whatever the clock says, dated by the adoption', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-02T03:04:05Z'));
    const first = await writeDocx(sampleExportModel('adopted'));
    vi.setSystemTime(new Date('2031-06-07T08:09:10Z'));
    const second = await writeDocx(sampleExportModel(ExportVersion.parse('adopted')));
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);

    const zip = await JSZip.loadAsync(first);
    const core = readXml((await zip.file('docProps/core.xml')?.async('string')) ?? '');
    expect(textOf(child(core, 'dcterms:created'))).toBe(SAMPLE_ADOPTED_AT.replace('.000Z', 'Z'));
    expect(textOf(child(core, 'dcterms:modified'))).toBe(SAMPLE_ADOPTED_AT.replace('.000Z', 'Z'));
    // JSZip reads a zip entry's DOS date as UTC.
    for (const entry of Object.values(zip.files)) expect(entry.date.toISOString()).toBe(SAMPLE_ADOPTED_AT);
  });
});
