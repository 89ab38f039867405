import { describe, expect, it } from 'vitest';
import { cleanText } from '../clean/clean-text.ts';
import { readItems } from './clause-list.ts';
import { decideKind } from './document-kind.ts';

const kindOf = (text: string) => decideKind(readItems(cleanText(text)));

describe('decideKind', () => {
  it('takes a text with a body’s name for a resolution', () => {
    expect(kindOf('The General Assembly,\n\nRecalling its resolution,\n\n1. Decides to act.')).toBe('resolution');
  });

  it('takes sentence-case preambles ending in commas before verbs for a resolution, without a body', () => {
    expect(kindOf('Recalling its resolution,\n\nNoting with concern the report,\n\n1. Requests a report.')).toBe(
      'resolution',
    );
  });

  it('takes a lead-in before operative clauses for a joint statement', () => {
    expect(kindOf('Title\n\nRECOGNISING the role;\n\nWE HEREBY COMMIT TO:\n\nCOMMEND the work.')).toBe(
      'joint-statement',
    );
  });

  it('takes numbered paragraphs of prose for a report, even when some open with a participle', () => {
    const text =
      '1. We met today to review the work.\n2. Building on our commitments, we will act.\n3. Recalling our pledge, we will continue.';
    expect(kindOf(text)).toBe('report');
  });

  it('takes a title over paragraphs of prose for prose, and a line of prose alone for plain text', () => {
    expect(kindOf('Joint Statement of the Leaders\n\nWe condemn the attacks on the cities of the region.')).toBe(
      'prose',
    );
    expect(kindOf('The delegations met informally over lunch.')).toBe('plain');
  });
});
