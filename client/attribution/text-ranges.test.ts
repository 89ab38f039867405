// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { styleSlots } from './author-styles.ts';
import { mapEditorText } from './text-ranges.ts';

function editor(html: string): HTMLElement {
  const element = document.createElement('div');
  element.innerHTML = html;
  document.body.append(element);
  return element;
}

describe('mapEditorText', () => {
  it('reads paragraphs joined by a line end and line breaks as one, an empty paragraph as nothing', () => {
    const map = mapEditorText(
      editor('<p><span>one</span><span>two</span></p><p><br></p><p><span>a</span><br><span>b</span></p>'),
    );
    expect(map.text).toBe('onetwo\n\na\nb');
  });

  it('gives the range of a stretch across text nodes, and the offset of a DOM position', () => {
    const element = editor('<p><span>one</span><span>two</span></p><p><span>three</span></p>');
    const map = mapEditorText(element);
    expect(map.range(2, 5)?.toString()).toBe('etw');
    expect(map.range(7, 12)?.toString()).toBe('three');
    const three = element.querySelectorAll('span')[2]?.firstChild;
    if (three === null || three === undefined) throw new Error('no text node');
    expect(map.offsetOf(three, 2)).toBe(9);
    expect(map.range(12, 14)).toBeNull();
  });
});

describe('styleSlots', () => {
  it('gives the original text the first mark and the others theirs in order of name, the same on every screen', () => {
    const slots = styleSlots([
      { role: 'delegation', delegation: 'USA' },
      { role: 'server', delegation: null },
      { role: 'delegation', delegation: 'CHN' },
      { role: 'delegation', delegation: 'USA' },
    ]);
    expect([...slots]).toEqual([
      ['server', 0],
      ['delegation:CHN', 1],
      ['delegation:USA', 2],
    ]);
  });
});
