import { describe, expect, it } from 'vitest';
import { readXml, textOf } from '../testing/read-xml.ts';
import { escapeXml } from './escape-xml.ts';

describe('escapeXml', () => {
  it('escapes markup so that the text reads back unchanged', () => {
    const text = `<a href="x">'R&D' & “quotes”</a>`;
    expect(escapeXml(text)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;R&amp;D&apos; &amp; “quotes”&lt;/a&gt;');
    expect(textOf(readXml(`<p t="${escapeXml(text)}">${escapeXml(text)}</p>`))).toBe(text);
  });

  it('drops characters XML cannot hold and mends a lone surrogate, keeping tabs, line ends and emoji', () => {
    expect(escapeXml('A\u0000B\u000bC\u001fD\uffffE')).toBe('ABCDE');
    expect(escapeXml('x\ud800y\udc00z')).toBe('x\ufffdy\ufffdz');
    expect(escapeXml('tab\tline\nend 🇲🇾')).toBe('tab\tline\nend 🇲🇾');
  });
});
