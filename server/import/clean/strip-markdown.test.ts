import { describe, expect, it } from 'vitest';
import { decodeEntities, stripInline, stripMarkdownLine } from './strip-markdown.ts';

describe('stripMarkdownLine', () => {
  it('reads a # heading and its level', () => {
    expect(stripMarkdownLine('## Opening Remarks ##')).toMatchObject({ text: 'Opening Remarks', heading: 2 });
  });

  it('removes a bullet marker and remembers it', () => {
    expect(stripMarkdownLine(' - a. First, aiming to examine')).toMatchObject({
      text: 'a. First, aiming to examine',
      bullet: true,
      indent: 1,
    });
  });

  it('keeps a numbered-list marker for the parsers to read', () => {
    expect(stripMarkdownLine('1. COMMEND the 15 years').text).toBe('1. COMMEND the 15 years');
  });

  it('reads a footnote definition as a footnote, not as text', () => {
    expect(stripMarkdownLine('[^1]: Myanmar reserves its position on paragraph 3.')).toMatchObject({
      footnote: '1',
      text: 'Myanmar reserves its position on paragraph 3.',
    });
  });

  it('reads a backslash-escaped line as literal text', () => {
    expect(stripMarkdownLine('\\1. is not a list item')).toMatchObject({
      text: '1. is not a list item',
      literal: true,
    });
  });

  it('strips a quote marker', () => {
    expect(stripMarkdownLine('> DRAFT — not adopted')).toMatchObject({ text: 'DRAFT — not adopted', quoted: true });
  });

  it('reads thematic breaks and table separators as rules', () => {
    expect(stripMarkdownLine('---').rule).toBe(true);
    expect(stripMarkdownLine('| --- | :---: |').rule).toBe(true);
  });
});

describe('stripInline', () => {
  it('removes bold and italic markers', () => {
    expect(stripInline('**RECOGNISING** the *role* of _ASEAN_ and ***all***')).toBe(
      'RECOGNISING the role of ASEAN and all',
    );
  });

  it('removes bold markers that open on one line and close on another', () => {
    expect(stripInline('**CHAIRMAN’S REPORT OF')).toBe('CHAIRMAN’S REPORT OF');
  });

  it('leaves a lone asterisk and an underscore inside a word', () => {
    expect(stripInline('2 * 3 in file_name_x')).toBe('2 * 3 in file_name_x');
  });

  it('removes footnote references', () => {
    expect(stripInline('COMMEND the work;[^1][^2] and more [^note]')).toBe('COMMEND the work; and more');
  });

  it('keeps escaped markers as the characters they stand for', () => {
    expect(stripInline('a \\*b\\* \\[^1] \\`c\\` x\\_\\_y \\[d\\](e) &amp;lt;f&gt;')).toBe(
      'a *b* [^1] `c` x__y [d](e) &lt;f>',
    );
  });

  it('keeps the text of links and undoes backslash escapes', () => {
    expect(stripInline('see [the Charter](https://asean.org) \\*not emphasis\\*')).toBe(
      'see the Charter *not emphasis*',
    );
  });
});

describe('decodeEntities', () => {
  it('decodes named and numeric references', () => {
    expect(decodeEntities('Defence &amp; Security &ldquo;ADMM&rdquo; ASEAN&#8217;s &#x2014;')).toBe(
      'Defence & Security “ADMM” ASEAN’s —',
    );
  });

  it('leaves unknown names and invalid code points as written', () => {
    expect(decodeEntities('&bogus; &#xD800; &#0;')).toBe('&bogus; &#xD800; &#0;');
  });
});
