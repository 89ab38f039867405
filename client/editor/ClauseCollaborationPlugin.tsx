import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import { bindClauseEditor, type ClauseBindingOptions } from './clause-binding.ts';

export type ClauseCollaborationProps = Omit<ClauseBindingOptions, 'editor'>;

/** Binds the clause's editor to its text in the draft's one Y.Doc (see `bindClauseEditor`). */
export function ClauseCollaborationPlugin({
  clauseId,
  doc,
  provider,
  name,
  color,
  cursorsContainer,
  cursorRouter,
  bootstrap,
  onFailure,
  rootName,
}: ClauseCollaborationProps) {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      bindClauseEditor({
        editor,
        clauseId,
        doc,
        provider,
        name,
        color,
        cursorsContainer,
        cursorRouter,
        bootstrap,
        onFailure,
        ...(rootName === undefined ? {} : { rootName }),
      }),
    [editor, clauseId, doc, provider, name, color, cursorsContainer, cursorRouter, bootstrap, onFailure, rootName],
  );
  return null;
}
