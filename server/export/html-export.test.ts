import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CHAIRS_REPORT_SAMPLE,
  DEMO_SAMPLE,
  RESOLUTION_SAMPLE,
  sampleExportModel,
} from '../testing/sample-export-model.ts';
import { escapeHtml, writeHtml } from './html-export.ts';

const window = new Window();
afterAll(() => window.close());

function parse(html: string) {
  return new window.DOMParser().parseFromString(html, 'text/html');
}

/** The visible text of an element, its footnote references left out. */
function textWithoutRefs(element: { cloneNode(deep: boolean): unknown }): string {
  const copy = element.cloneNode(true) as {
    querySelectorAll(s: string): Array<{ remove(): void }>;
    textContent: string;
  };
  for (const ref of copy.querySelectorAll('sup.fnref, .num')) ref.remove();
  return copy.textContent;
}

describe('writeHtml', () => {
  it('writes every clause in order, in the element its kind calls for', () => {
    const document = parse(writeHtml(sampleExportModel('adopted')));
    expect(document.querySelector('h1')?.textContent).toBe(DEMO_SAMPLE.title);
    const clauses = [...document.querySelectorAll('main > p:not(.date):not(.status), main > h2')];
    expect(clauses.map((p) => p.className)).toEqual(
      DEMO_SAMPLE.clauses.map((c) => (c.kind === 'operative' ? 'numbered' : c.kind)),
    );
    expect(clauses.map((p) => textWithoutRefs(p))).toEqual(DEMO_SAMPLE.clauses.map((c) => c.text));
    const numbers = [...document.querySelectorAll('p.numbered .num')].map((n) => n.textContent);
    expect(numbers).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.', '9.', '10.', '11.']);
  });

  it('escapes every text from the draft', () => {
    const html = writeHtml(sampleExportModel('current'));
    expect(html).not.toContain('<"binding">');
    expect(html).toContain('cannot accept &lt;&quot;binding&quot;&gt; &amp; &#39;nonbinding&#39; together');
    const report = writeHtml(sampleExportModel('current', CHAIRS_REPORT_SAMPLE));
    expect(report).toContain('SRDP Act &amp; its &lt;revitalization&gt;.');
    expect(parse(report).querySelector('revitalization')).toBeNull();
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('puts "DRAFT — not adopted" across the page before adoption', () => {
    const html = writeHtml(sampleExportModel('current'));
    const document = parse(html);
    expect(document.querySelector('.watermark')?.textContent).toBe('DRAFT — not adopted');
    expect(html).toMatch(/\.watermark \{[^}]*position: fixed;[^}]*rotate\(/);
    expect(html).toContain('print-color-adjust: exact');
    expect(document.querySelector('.record')).toBeNull();
  });

  it('after adoption has no watermark, and names the adoption hash', () => {
    const model = sampleExportModel('adopted');
    const document = parse(writeHtml(model));
    expect(document.querySelector('.watermark')).toBeNull();
    expect(document.body.textContent).not.toContain('DRAFT');
    expect(document.querySelector('.record .hash')?.textContent).toBe(model.adoption?.textHash);
    expect(document.querySelector('p.date')?.textContent).toBe('1 November 2025');
  });

  it('links each footnote reference to its footnote at the foot', () => {
    const document = parse(writeHtml(sampleExportModel('adopted')));
    const refs = [...document.querySelectorAll('sup.fnref a')].map((a) => a.getAttribute('href'));
    expect(refs).toEqual(['#fn-1', '#fn-2']);
    const notes = [...document.querySelectorAll('footer .footnotes li')];
    expect(notes.map((li) => li.id)).toEqual(['fn-1', 'fn-2']);
    expect(notes[1]?.textContent).toContain('RUS reserves its position on paragraph 2: awaiting instructions');
  });

  it('is a self-contained A4 page: inline style only, no script, nothing loaded from elsewhere', () => {
    const html = writeHtml(sampleExportModel('current'));
    const document = parse(html);
    expect(html).toContain('@page { size: A4;');
    expect(document.querySelectorAll('script, link, img, iframe, object, embed')).toHaveLength(0);
    expect(html).not.toMatch(/\b(src|srcset)=|url\(|@import|https?:/);
    expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
  });

  it('writes a chair’s report’s headings as headings', () => {
    const document = parse(writeHtml(sampleExportModel('current', CHAIRS_REPORT_SAMPLE)));
    expect([...document.querySelectorAll('h2')].map((h) => h.textContent)).toEqual([
      'Opening Remarks',
      'Session I: Keynote',
    ]);
    expect(document.querySelector('#para-3')?.innerHTML).toContain('following:<br>a. to continue');
  });

  it('lays a resolution out as the UN prints one: the body, italic openers, numbered operative paragraphs', () => {
    const document = parse(writeHtml(sampleExportModel('current', RESOLUTION_SAMPLE)));
    expect(document.body.className).toContain('resolution');
    expect(document.querySelector('p.chapeau')?.textContent).toBe('The General Assembly,');
    expect([...document.querySelectorAll('p.preamble em')].map((em) => em.textContent)).toEqual([
      'Recalling also',
      'Recognizing',
    ]);
    expect(document.querySelector('#para-1')?.innerHTML).toContain(
      '<em>Takes note with appreciation</em> of the report;',
    );
  });
});
