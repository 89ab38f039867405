import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readClauseText } from '../../shared/clause-text.ts';
import { anchorAtOffset, encodeAnchor, resolveBracketSpan } from '../../shared/consensus/bracket-anchors.ts';
import { hashClauseText } from '../../shared/consensus/clause-hash.ts';
import type { ClauseDecisionFacts } from '../../shared/consensus/decide.ts';
import { clauseTextRoot } from '../../shared/doc-layout.ts';
import type { BracketRecord } from '../../shared/schemas/brackets.ts';
import { writeClauseLayout } from '../../shared/testing/lexical-layout.ts';
import type { DraftRecord } from '../storage/draft-store.ts';
import { writeAkn } from './akn-export.ts';
import { currentExportModel } from './export-model.ts';
import { writeHtml } from './html-export.ts';
import { writeMarkdown } from './markdown-export.ts';

const DRAFT: DraftRecord = {
  id: 'draft0001',
  title: 'Joint Statement',
  kind: 'joint-statement',
  delegations: ['MYS', 'PHL', 'RUS'],
  consensus: { rule: 'unanimous' },
  createdAt: '2025-10-01T00:00:00.000Z',
};
const TEXT = 'UPHOLD freedom of navigation and overflight in the region.';

function setUp(): { doc: Y.Doc; bracket: (words: string, id: string, holders: string[]) => BracketRecord } {
  const doc = new Y.Doc();
  writeClauseLayout(doc, 'c1', [[['UPHOLD '], ['freedom', 'b'], [' of navigation and overflight in the region.']]]);
  const root = clauseTextRoot(doc, 'c1');
  return {
    doc,
    bracket: (words, id, holders) => {
      const from = readClauseText(root).indexOf(words);
      return {
        id,
        clauseId: 'c1',
        kind: 'contested',
        note: null,
        holders,
        start: encodeAnchor(anchorAtOffset(root, from, 0)),
        end: encodeAnchor(anchorAtOffset(root, from + words.length, -1)),
        quote: words,
        placedAt: 'x',
        lifted: null,
      };
    },
  };
}

function clause(brackets: BracketRecord[], extra: Partial<ClauseDecisionFacts> = {}): ClauseDecisionFacts {
  return {
    id: 'c1',
    kind: 'operative',
    text: TEXT,
    runs: [
      { text: 'UPHOLD ', format: '' },
      { text: 'freedom', format: 'b' },
      { text: ' of navigation and overflight in the region.', format: '' },
    ],
    textHash: hashClauseText(TEXT),
    label: 'paragraph 1',
    number: 'paragraph 1',
    proposedBy: null,
    frozen: null,
    positions: [],
    brackets,
    ...extra,
  };
}

describe('brackets in exports', () => {
  it('prints the bracketed words between [ and ] with their holders as a footnote', () => {
    const { doc, bracket } = setUp();
    const spanOf = (id: string, start: string, end: string) => resolveBracketSpan(doc, id, start, end);
    const lifted = { ...bracket('UPHOLD', 'b2', ['RUS']), lifted: { at: 'x', by: 'chair' } };
    const model = currentExportModel(
      DRAFT,
      [clause([bracket('freedom of navigation', 'b1', ['MYS', 'PHL']), lifted])],
      new Date(),
      spanOf,
    );
    const [printed] = model.clauses;
    expect(printed?.text).toBe('UPHOLD [freedom of navigation] and overflight in the region.');
    expect(printed?.runs).toEqual([
      { text: 'UPHOLD [', format: '' },
      { text: 'freedom', format: 'b' },
      { text: ' of navigation] and overflight in the region.', format: '' },
    ]);
    expect(model.notes.map((n) => n.text)).toEqual([
      '[freedom of navigation]: bracketed by MYS, also held by PHL (contested).',
    ]);
    expect(writeHtml(model)).toContain('UPHOLD [<strong>freedom</strong> of navigation] and overflight');
    expect(writeMarkdown(model)).toContain('[');
  });

  it('marks a bracket up in Akoma Ntoso as an inline element naming its holders', () => {
    const { doc, bracket } = setUp();
    const spanOf = (id: string, start: string, end: string) => resolveBracketSpan(doc, id, start, end);
    const model = currentExportModel(
      DRAFT,
      [clause([bracket('freedom of navigation', 'b1', ['MYS', 'PHL'])])],
      new Date(),
      spanOf,
    );
    expect(writeAkn(model)).toContain(
      'UPHOLD <inline name="bracket" refersTo="#mys #phl" class="contested">[<b>freedom</b> of navigation]</inline> and overflight',
    );
  });

  it('brackets a proposal or a proposed deletion whole, and footnotes a bracket whose words were deleted', () => {
    const { doc, bracket } = setUp();
    const spanOf = (id: string, start: string, end: string) => resolveBracketSpan(doc, id, start, end);
    const gone = bracket('overflight', 'b1', ['CHN']);
    const paragraph = clauseTextRoot(doc, 'c1').toDelta()[0]?.insert as Y.XmlText;
    const deleteAt = 1 + 'UPHOLD '.length + 1 + 'freedom'.length + 1 + ' of navigation and '.length;
    paragraph.delete(deleteAt, 'overflight'.length);
    const deletion: BracketRecord = { ...gone, id: 'b2', kind: 'deletion', start: null, end: null, holders: ['RUS'] };
    const text = 'UPHOLD freedom of navigation and  in the region.';
    const model = currentExportModel(
      DRAFT,
      [clause([gone, deletion], { text, runs: [{ text, format: '' }], proposedBy: null })],
      new Date(),
      spanOf,
    );
    expect(model.clauses[0]?.text).toBe(`[${text}]`);
    expect(model.clauses[0]?.bracketHolders).toEqual(['CHN', 'RUS']);
    expect(model.notes.map((n) => n.text)).toEqual([
      'Deletion proposed by RUS.',
      '[overflight]: bracketed by CHN (contested). The bracketed words were deleted.',
    ]);
  });
});
