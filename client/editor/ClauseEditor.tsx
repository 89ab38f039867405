import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import type { Provider } from '@lexical/yjs';
import { useState } from 'react';
import type * as Y from 'yjs';
import { ActivatePlugin } from './ActivatePlugin.tsx';
import { ClauseCollaborationPlugin } from './ClauseCollaborationPlugin.tsx';
import type { Activation } from './ClausePreview.tsx';
import type { CursorRouter } from './cursor-router.ts';
import { EditablePlugin } from './EditablePlugin.tsx';
import { FormatToolbarPlugin } from './FormatToolbarPlugin.tsx';
import { NormalisePlugin } from './NormalisePlugin.tsx';

export interface ClauseEditorProps {
  clauseId: string;
  label: string;
  doc: Y.Doc;
  provider: Provider;
  editable: boolean;
  name: string;
  color: string;
  cursorsContainer: HTMLElement | null;
  cursorRouter: CursorRouter;
  bootstrap: boolean;
  /** Set when the editor was mounted by a click or focus on its preview: it takes the focus. */
  activation: Activation | null;
  /** The root it edits when it is not the clause's own text: an alternative's (`alternativeRootName`). */
  rootName?: string;
}

/**
 * One clause's rich-text editor, bound to the clause's text in the draft's Y.Doc. A failure of
 * Lexical or of the binding, in rendering or in a change arriving later, is thrown from here so
 * that the clause's error boundary shows it (see `ClauseErrorBoundary`).
 */
export function ClauseEditor(props: ClauseEditorProps) {
  const [failure, setFailure] = useState<Error | null>(null);
  if (failure !== null) throw failure;
  const {
    clauseId,
    label,
    doc,
    provider,
    editable,
    name,
    color,
    cursorsContainer,
    cursorRouter,
    bootstrap,
    activation,
    rootName,
  } = props;
  return (
    <LexicalComposer
      initialConfig={{
        namespace: rootName ?? `clause-${clauseId}`,
        // The text comes from the shared document, never from a local initial state.
        editorState: null,
        editable,
        theme: { text: { bold: 'text-bold', italic: 'text-italic', underline: 'text-underline' } },
        onError: (error: Error) => setFailure(error),
      }}
    >
      <RichTextPlugin
        contentEditable={<ContentEditable className="clause-text clause-editor" aria-label={label} />}
        ErrorBoundary={LexicalErrorBoundary}
      />
      {/* Laid over the card's head row by the style sheet: showing it moves nothing. */}
      {editable && <FormatToolbarPlugin label={label} />}
      <EditablePlugin editable={editable} />
      <NormalisePlugin />
      <ClauseCollaborationPlugin
        clauseId={clauseId}
        doc={doc}
        provider={provider}
        name={name}
        color={color}
        cursorsContainer={cursorsContainer}
        cursorRouter={cursorRouter}
        bootstrap={bootstrap}
        onFailure={setFailure}
        {...(rootName === undefined ? {} : { rootName })}
      />
      <ActivatePlugin activation={activation} />
    </LexicalComposer>
  );
}
