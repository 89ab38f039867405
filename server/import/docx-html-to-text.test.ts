import { describe, expect, it } from 'vitest';
import { docxHtmlToText } from './docx-html-to-text.ts';

describe('docxHtmlToText', () => {
  it('separates paragraphs and headings by a blank line and decodes entities', () => {
    expect(docxHtmlToText('<h1>Title</h1><p>Defence &amp; Security &lt;ADMM&gt;</p>')).toBe(
      'Title\n\nDefence & Security <ADMM>\n\n',
    );
  });

  it('keeps line breaks, the line after each indented so that it stays in its paragraph', () => {
    expect(docxHtmlToText('<p>Brunei Darussalam<br />Presentation by Mr A</p>')).toBe(
      'Brunei Darussalam\n  Presentation by Mr A\n\n',
    );
  });

  it('removes the superscript comma between two footnote references with them, and keeps a comma of the text', () => {
    const html =
      '<p>COMMEND the work;<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a>, </sup>' +
      '<sup><a href="#footnote-2" id="footnote-ref-2">[2]</a></sup>, and more</p>';
    expect(docxHtmlToText(html)).toBe('COMMEND the work;, and more\n\n');
  });

  it('removes footnote references and writes footnotes as Markdown definitions', () => {
    const html =
      '<p>COMMEND the work;<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup></p><ol><li id="footnote-1"><p> Myanmar reserves. <a href="#footnote-ref-1">↑</a></p></li></ol>';
    expect(docxHtmlToText(html)).toBe('COMMEND the work;\n\n[^1]:  Myanmar reserves. \n\n\n\n');
  });

  it('gives table rows as tab-separated cells, paragraphs in a cell joined by spaces', () => {
    expect(docxHtmlToText('<table><tr><td><p>a</p><p>b</p></td><td><p>c</p></td></tr></table>')).toBe('a b\tc\n\n');
  });
});
