import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { hashClauseText } from '../../shared/consensus/clause-hash.ts';
import type { ClauseDecisionFacts } from '../../shared/consensus/decide.ts';
import type { AlternativeMark } from '../../shared/schemas/alternatives.ts';
import type { DraftRecord } from '../storage/draft-store.ts';
import { writeAkn } from './akn-export.ts';
import { writeDocx } from './docx-export.ts';
import { currentExportModel } from './export-model.ts';
import { writeHtml } from './html-export.ts';
import { writeMarkdown } from './markdown-export.ts';

const DRAFT: DraftRecord = {
  id: 'draft-0001',
  title: 'Joint Statement',
  kind: 'joint-statement',
  delegations: ['MYS', 'USA', 'JPN'],
  consensus: { rule: 'unanimous' },
  createdAt: '2025-10-01T00:00:00.000Z',
};

function alternative(n: number, state: AlternativeMark['state'], sponsors: string[], text: string) {
  return {
    n,
    proposedBy: sponsors[0] ?? '',
    sponsors,
    state,
    at: DRAFT.createdAt,
    positions: [],
    text,
    textHash: hashClauseText(text),
  };
}

const CLAUSE: ClauseDecisionFacts = {
  id: 'c1',
  kind: 'operative',
  label: 'paragraph 1',
  number: 'paragraph 1',
  proposedBy: null,
  text: 'COMMEND the work;',
  textHash: hashClauseText('COMMEND the work;'),
  frozen: null,
  positions: [],
  alternatives: [
    alternative(1, 'open', ['USA', 'JPN'], 'WELCOME the work;'),
    alternative(2, 'not-retained', ['MYS'], 'NOTE the work;'),
    alternative(3, 'withdrawn', ['MYS'], 'ACKNOWLEDGE the work;'),
  ],
};

const model = () => currentExportModel(DRAFT, [CLAUSE], new Date('2025-10-31T16:45:00.000Z'));

describe('alternatives in a draft export', () => {
  it('keeps the open alternatives only, after their clause', () => {
    expect(model().clauses[0]?.alternatives).toEqual([{ n: 1, sponsors: ['USA', 'JPN'], text: 'WELCOME the work;' }]);
  });

  it('prints "Alt 1 [USA, JPN]: …" after the clause in HTML, Markdown, DOCX and AKN, and no other alternative', async () => {
    const line = 'Alt 1 [USA, JPN]: WELCOME the work;';
    const html = writeHtml(model());
    expect(html).toContain(`<p class="alternative">${line}</p>`);
    expect(html.indexOf('COMMEND the work;')).toBeLessThan(html.indexOf(line));
    const markdown = writeMarkdown(model());
    expect(markdown).toContain('1. COMMEND the work;\n\n   Alt 1 [USA, JPN]: WELCOME the work;');
    const zip = await JSZip.loadAsync(await writeDocx(model()));
    const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(document).toContain(line);
    const akn = writeAkn(model());
    expect(akn).toContain(`<p class="alternative">${line}</p>`);
    for (const text of [html, markdown, document, akn]) {
      expect(text).not.toContain('NOTE the work');
      expect(text).not.toContain('ACKNOWLEDGE the work');
    }
  });
});
