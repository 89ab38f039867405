import { describe, expect, it } from 'vitest';
import { child, childElements, descendants, readXml, textOf } from './read-xml.ts';

describe('readXml', () => {
  it('reads elements, attributes and unescaped text in document order', () => {
    const root = readXml('<?xml version="1.0"?><a x="1&amp;2"><p>Hi &amp; <b>you</b><n>1</n></p><p/></a>');
    expect(root.name).toBe('a');
    expect(root.attrs).toEqual({ x: '1&2' });
    expect(childElements(root, 'p')).toHaveLength(2);
    expect(textOf(child(root, 'p'))).toBe('Hi & you1');
    expect(textOf(child(root, 'p'), ['n'])).toBe('Hi & you');
    expect(descendants(root, 'b').map((b) => textOf(b))).toEqual(['you']);
  });

  it('refuses XML that is not well-formed', () => {
    expect(() => readXml('<a><b></a>')).toThrow(/Not well-formed XML/);
    expect(() => readXml('<a>&</a>')).toThrow(/Not well-formed XML/);
  });
});
