import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** An XML element as the export tests read it back: name, attributes, children in order. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
});

/**
 * Parses XML that must be well-formed (throws with the parser's reason otherwise) into a tree
 * whose text is unescaped; the root element is returned, the XML declaration dropped.
 * Test support for the export writers (fast-xml-parser is a dev dependency).
 */
export function readXml(xml: string): XmlElement {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`Not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const root = (parser.parse(xml) as unknown[])
    .map(toNode)
    .find((n): n is XmlElement => typeof n !== 'string' && !n.name.startsWith('?'));
  if (root === undefined) throw new Error('The XML has no root element.');
  return root;
}

function toNode(raw: unknown): XmlNode {
  const record = raw as Record<string, unknown>;
  if (typeof record['#text'] === 'string') return record['#text'];
  const name = Object.keys(record).find((key) => key !== ':@') ?? '';
  const attrs = (record[':@'] ?? {}) as Record<string, string>;
  const children = ((record[name] ?? []) as unknown[]).map(toNode);
  return { name, attrs, children };
}

/** The child elements of `element`, optionally only those called `name`. */
export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter(
    (child): child is XmlElement => typeof child !== 'string' && (name === undefined || child.name === name),
  );
}

/** Every element below `element` (depth first, document order) called `name`. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of childElements(element)) {
    if (child.name === name) found.push(child);
    found.push(...descendants(child, name));
  }
  return found;
}

/** The one child called `name`; throws if there is none, so a test fails where the structure does. */
export function child(element: XmlElement, name: string): XmlElement {
  const found = childElements(element, name)[0];
  if (found === undefined) throw new Error(`<${element.name}> has no <${name}>.`);
  return found;
}

/** The text of `element`, leaving out the subtrees of the elements named in `skip`. */
export function textOf(element: XmlElement, skip: readonly string[] = []): string {
  return element.children
    .map((c) => (typeof c === 'string' ? c : skip.includes(c.name) ? '' : textOf(c, skip)))
    .join('');
}
