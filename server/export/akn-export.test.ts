import { describe, expect, it } from 'vitest';
import { child, childElements, descendants, readXml, textOf, type XmlElement } from '../testing/read-xml.ts';
import {
  CHAIRS_REPORT_SAMPLE,
  DEMO_SAMPLE,
  RESOLUTION_SAMPLE,
  sampleExportModel,
} from '../testing/sample-export-model.ts';
import { AKN_NAMESPACE, writeAkn } from './akn-export.ts';

function statementOf(xml: string): XmlElement {
  const root = readXml(xml);
  expect(root.name).toBe('akomaNtoso');
  expect(root.attrs.xmlns).toBe(AKN_NAMESPACE);
  return child(root, 'statement');
}

/** Every element with an eId, anywhere. */
function eIds(element: XmlElement): string[] {
  return childElements(element).flatMap((c) => [...(c.attrs.eId === undefined ? [] : [c.attrs.eId]), ...eIds(c)]);
}

const clauseText = (p: XmlElement) => textOf(p, ['authorialNote']);

describe('writeAkn', () => {
  it('writes a well-formed statement with meta, preface, preamble, mainBody and conclusions in that order', () => {
    const statement = statementOf(writeAkn(sampleExportModel('adopted')));
    expect(statement.attrs.name).toBe('jointStatement');
    expect(childElements(statement).map((e) => e.name)).toEqual([
      'meta',
      'preface',
      'preamble',
      'mainBody',
      'conclusions',
    ]);
  });

  it('identifies the work, expression and manifestation with FRBR properties', () => {
    const model = sampleExportModel('adopted');
    const identification = child(child(statementOf(writeAkn(model)), 'meta'), 'identification');
    expect(identification.attrs.source).toBe('#mufakat');
    const work = child(identification, 'FRBRWork');
    expect(childElements(work).map((e) => e.name)).toEqual([
      'FRBRthis',
      'FRBRuri',
      'FRBRdate',
      'FRBRauthor',
      'FRBRcountry',
      'FRBRsubtype',
      'FRBRname',
    ]);
    expect(child(work, 'FRBRuri').attrs.value).toBe('/akn/int/statement/jointStatement/2025-11-01/sampleDraft01');
    expect(child(work, 'FRBRthis').attrs.value).toBe(`${child(work, 'FRBRuri').attrs.value}/!main`);
    expect(child(work, 'FRBRdate').attrs).toEqual({ date: '2025-11-01', name: 'adoption' });
    const expression = child(identification, 'FRBRExpression');
    expect(child(expression, 'FRBRlanguage').attrs.language).toBe('eng');
    expect(child(expression, 'FRBRalias').attrs).toEqual({
      name: 'adoptedTextSha256',
      value: model.adoption?.textHash,
    });
    const manifestation = child(identification, 'FRBRManifestation');
    expect(child(manifestation, 'FRBRdate').attrs.date).toBe(model.adoption?.adoptedAt);
    expect(child(manifestation, 'FRBRauthor').attrs.href).toBe('#mufakat');
  });

  it('records the adoption as a workflow step once adopted, and only then', () => {
    const adopted = child(child(statementOf(writeAkn(sampleExportModel('adopted'))), 'meta'), 'workflow');
    expect(childElements(adopted, 'step').map((s) => s.attrs)).toEqual([
      { date: '2025-10-20', by: '#meeting', refersTo: '#drafting' },
      { date: '2025-11-01', by: '#meeting', refersTo: '#adoption', outcome: '#adopted' },
    ]);
    const draft = child(child(statementOf(writeAkn(sampleExportModel('current'))), 'meta'), 'workflow');
    expect(childElements(draft, 'step').map((s) => s.attrs.refersTo)).toEqual(['#drafting']);
  });

  it('lists every reference the document points to, delegations included', () => {
    const statement = statementOf(writeAkn(sampleExportModel('adopted')));
    const references = child(child(statement, 'meta'), 'references');
    const ids = new Set(childElements(references).map((r) => r.attrs.eId));
    for (const code of DEMO_SAMPLE.delegations) expect(ids).toContain(code.toLowerCase());
    const pointers = [
      ...descendants(statement, 'organization').map((o) => o.attrs.refersTo),
      ...descendants(statement, 'step').flatMap((s) => [s.attrs.by, s.attrs.refersTo, s.attrs.outcome]),
      ...descendants(statement, 'location').map((l) => l.attrs.refersTo),
      ...descendants(statement, 'FRBRauthor').map((a) => a.attrs.href),
    ].filter((p): p is string => p !== undefined);
    expect(pointers.length).toBeGreaterThan(5);
    for (const pointer of pointers) expect(ids).toContain(pointer.slice(1));
  });

  it('puts the chapeau and the preamble clauses in the preamble, in order', () => {
    const preamble = child(statementOf(writeAkn(sampleExportModel('adopted'))), 'preamble');
    const chapeau = child(preamble, 'container');
    expect(chapeau.attrs).toMatchObject({ name: 'chapeau', eId: 'chapeau_1' });
    expect(clauseText(child(chapeau, 'p'))).toBe(DEMO_SAMPLE.clauses[0]?.text);
    const recitals = childElements(child(preamble, 'recitals'), 'recital');
    expect(recitals.map((r) => clauseText(child(r, 'p')))).toEqual(
      DEMO_SAMPLE.clauses.filter((c) => c.kind === 'preamble').map((c) => c.text),
    );
    expect(recitals.map((r) => r.attrs.eId).slice(0, 2)).toEqual(['recs__rec_1', 'recs__rec_2']);
  });

  it('writes the lead-in and numbered operative paragraphs in the main body', () => {
    const body = child(statementOf(writeAkn(sampleExportModel('adopted'))), 'mainBody');
    const leadIn = child(body, 'container');
    expect(leadIn.attrs).toMatchObject({ name: 'leadIn', eId: 'leadIn_1' });
    expect(clauseText(child(leadIn, 'p'))).toBe('WE HEREBY COMMIT TO:');
    const paragraphs = childElements(body, 'paragraph');
    expect(paragraphs.map((p) => textOf(child(p, 'num')))).toEqual(Array.from({ length: 11 }, (_, i) => `${i + 1}.`));
    expect(paragraphs.map((p) => clauseText(child(child(p, 'content'), 'p')))).toEqual(
      DEMO_SAMPLE.clauses.filter((c) => c.kind === 'operative').map((c) => c.text),
    );
    expect(paragraphs.map((p) => p.attrs.eId).slice(0, 3)).toEqual(['para_1', 'para_2', 'para_3']);
    expect(paragraphs[0]?.attrs.wId).toBe('clause11');
  });

  it('ends with the closing clause, the place and the date in the conclusions', () => {
    const conclusions = child(statementOf(writeAkn(sampleExportModel('adopted'))), 'conclusions');
    const [closing, adoption] = childElements(conclusions, 'container');
    expect(closing?.attrs.name).toBe('closing');
    expect(clauseText(child(closing ?? conclusions, 'p'))).toMatch(/^ADOPTED in Kuala Lumpur, Malaysia on the First/);
    expect(adoption?.attrs.name).toBe('adoption');
    expect(descendants(conclusions, 'location').map((l) => textOf(l))).toEqual(['Kuala Lumpur, Malaysia']);
    expect(descendants(conclusions, 'date').map((d) => [d.attrs.date, textOf(d)])).toEqual([
      ['2025-11-01', '1 November 2025'],
    ]);
  });

  it('places each reservation as an authorial note inside the clause it concerns, text unescaped intact', () => {
    const model = sampleExportModel('current');
    const statement = statementOf(writeAkn(model));
    const notes = descendants(statement, 'authorialNote');
    expect(notes.map((n) => [n.attrs.eId, n.attrs.marker, textOf(n)])).toEqual([
      ['recs__rec_1__authorialNote_1', '1', model.notes[0]?.text],
      ['para_2__authorialNote_2', '2', model.notes[1]?.text],
    ]);
    const para2 = childElements(child(statement, 'mainBody'), 'paragraph')[1];
    expect(descendants(para2 ?? statement, 'authorialNote')).toHaveLength(1);
    expect(descendants(notes[0] ?? statement, 'organization')[0]?.attrs.refersTo).toBe('#usa');
  });

  it('marks a draft as a draft, and gives it no conclusions of adoption', () => {
    const statement = statementOf(writeAkn(sampleExportModel('current')));
    expect(textOf(child(statement, 'preface'))).toContain('DRAFT — not adopted');
    expect(descendants(statement, 'docDate')).toHaveLength(0);
    const containers = childElements(child(statement, 'conclusions'), 'container').map((c) => c.attrs.name);
    expect(containers).toEqual(['closing']);
  });

  it('gives every element a unique eId', () => {
    for (const model of [
      sampleExportModel('adopted'),
      sampleExportModel('current'),
      sampleExportModel('adopted', CHAIRS_REPORT_SAMPLE),
    ]) {
      const ids = eIds(statementOf(writeAkn(model)));
      expect(ids.length).toBeGreaterThan(5);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('writes a chair’s report as sections with headings holding their numbered paragraphs', () => {
    const statement = statementOf(writeAkn(sampleExportModel('adopted', CHAIRS_REPORT_SAMPLE)));
    expect(statement.attrs.name).toBe('chairsReport');
    const body = child(statement, 'mainBody');
    expect(childElements(body).map((e) => e.attrs.eId)).toEqual(['para_1', 'sec_1', 'sec_2']);
    const [first, second] = childElements(body, 'section');
    expect(textOf(child(first ?? body, 'heading'))).toBe('Opening Remarks');
    expect(childElements(first ?? body, 'paragraph').map((p) => p.attrs.eId)).toEqual([
      'sec_1__para_2',
      'sec_1__para_3',
    ]);
    expect(childElements(second ?? body, 'paragraph').map((p) => textOf(child(child(p, 'content'), 'p')))).toEqual([
      'Assistant Secretary Gaité spoke on the SRDP Act & its <revitalization>.',
    ]);
    const withItems = childElements(first ?? body, 'paragraph')[1];
    expect(descendants(withItems ?? body, 'eol')).toHaveLength(2);
    expect(descendants(statement, 'preamble')).toHaveLength(0);
  });

  it('gives the same text for the same adopted draft', () => {
    expect(writeAkn(sampleExportModel('adopted'))).toBe(writeAkn(sampleExportModel('adopted')));
  });

  it('writes a resolution as a statement of that name, its openers in italics', () => {
    const statement = statementOf(writeAkn(sampleExportModel('current', RESOLUTION_SAMPLE)));
    expect(statement.attrs.name).toBe('resolution');
    const recitals = descendants(statement, 'recital');
    expect(recitals.map((r) => textOf(descendants(r, 'i')[0] ?? r))).toEqual(['Recalling also', 'Recognizing']);
    expect(childElements(child(statement, 'mainBody'), 'paragraph').map((p) => p.attrs.eId)).toEqual([
      'para_1',
      'para_2',
    ]);
  });
});
