// @vitest-environment happy-dom
import type { Provider } from '@lexical/yjs';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { ClauseTextCache } from '../../shared/clause-text-cache.ts';
import { clauseTextRoot } from '../../shared/doc-layout.ts';
import { ClauseEditor } from './ClauseEditor.tsx';
import { ClauseErrorBoundary } from './ClauseErrorBoundary.tsx';
import { CursorRouter } from './cursor-router.ts';

afterEach(cleanup);

/** A clause as the editor writes it: one paragraph with one text run. */
function writeClause(doc: Y.Doc, clauseId: string, text: string): Y.XmlText {
  const paragraph = new Y.XmlText();
  clauseTextRoot(doc, clauseId).insertEmbed(0, paragraph);
  paragraph.setAttribute('__type', 'paragraph');
  const run = new Y.Map<unknown>();
  paragraph.insertEmbed(0, run);
  for (const [key, value] of Object.entries({ __type: 'text', __format: 0, __style: '', __mode: 0, __detail: 0 }))
    run.set(key, value);
  paragraph.insert(1, text);
  return paragraph;
}

function renderClause(doc: Y.Doc, texts: ClauseTextCache, provider: Provider, router: CursorRouter, clauseId: string) {
  return (
    <ClauseErrorBoundary key={clauseId} texts={texts} clauseId={clauseId} label={`Operative ${clauseId}`}>
      <ClauseEditor
        clauseId={clauseId}
        label={`Operative ${clauseId}`}
        doc={doc}
        provider={provider}
        editable={true}
        name="MYS"
        color="#123456"
        cursorsContainer={null}
        cursorRouter={router}
        bootstrap={false}
        activation={null}
      />
    </ClauseErrorBoundary>
  );
}

describe('a clause whose editor fails', () => {
  it('is shown as unreadable with its plain text, and the other clauses keep working', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const doc = new Y.Doc();
    writeClause(doc, 'good', 'COMMEND the work;');
    const broken = writeClause(doc, 'broken', 'UPHOLD the rules');
    // A node type the editor does not register: Lexical's binding cannot create it and throws.
    const link = new Y.XmlText();
    broken.insertEmbed(broken.length, link);
    link.setAttribute('__type', 'link');
    link.insert(0, ' of the road;');
    const texts = new ClauseTextCache(doc);
    const awareness = new Awareness(doc);
    const provider = {
      awareness,
      on: () => {},
      off: () => {},
      connect: () => {},
      disconnect: () => {},
    } as unknown as Provider;
    const router = new CursorRouter(doc, awareness);
    render(
      <>
        {renderClause(doc, texts, provider, router, 'good')}
        {renderClause(doc, texts, provider, router, 'broken')}
      </>,
    );
    const unreadable = await screen.findByTestId('clause-unreadable');
    expect(unreadable.textContent).toContain('Operative broken cannot be shown in the editor');
    expect(screen.getByLabelText('Operative broken as plain text').textContent).toBe('UPHOLD the rules of the road;');
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Operative good' }).textContent).toBe('COMMEND the work;'),
    );
    router.destroy();
    awareness.destroy();
  });
});
