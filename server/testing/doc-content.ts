import * as Y from 'yjs';

/** How to read each root a test compares: Yjs needs to be told a root's type to read it. */
export type RootKinds = Record<string, 'text' | 'xmlText' | 'array' | 'map'>;

/**
 * Everything a reader sees of the named roots, as one canonical string: text with its formatting
 * and embedded paragraphs (with their attributes), array items, map entries sorted by key. Two
 * docs with the same content give the same string whatever order their maps were built in.
 */
export function docContent(doc: Y.Doc, roots: RootKinds): string {
  const content: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(roots).sort(([a], [b]) => a.localeCompare(b))) {
    if (kind === 'text') content[name] = deltaContent(doc.getText(name));
    else if (kind === 'xmlText') content[name] = deltaContent(doc.get(name, Y.XmlText));
    else if (kind === 'array') content[name] = doc.getArray(name).toArray().map(valueContent);
    else content[name] = mapContent(doc.getMap(name));
  }
  return JSON.stringify(content);
}

function deltaContent(text: Y.Text): unknown {
  const delta = text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>;
  const parts = delta.map(({ insert, attributes }) => ({ insert: valueContent(insert), attributes: attributes ?? {} }));
  return text instanceof Y.XmlText ? { attributes: sortedEntries(text.getAttributes()), parts } : parts;
}

function mapContent(map: Y.Map<unknown>): unknown {
  return [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => [key, valueContent(value)]);
}

function valueContent(value: unknown): unknown {
  if (value instanceof Y.Text) return deltaContent(value);
  if (value instanceof Y.Array) return value.toArray().map(valueContent);
  if (value instanceof Y.Map) return mapContent(value);
  return value;
}

function sortedEntries(record: Record<string, unknown>): unknown {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}
