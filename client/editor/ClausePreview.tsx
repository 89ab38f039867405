import type { MouseEvent } from 'react';
import type { ClauseTextCache } from '../../shared/clause-text-cache.ts';
import { useClauseText } from '../consensus/use-clause-text.ts';

/** Where the person asked to start editing: a point they clicked, or the end of the text. */
export type Activation = { x: number; y: number } | 'end';

export interface ClausePreviewProps {
  texts: ClauseTextCache;
  clauseId: string;
  label: string;
  editable: boolean;
  onActivate: (at: Activation) => void;
}

/**
 * A clause's live text, shown until its editor is mounted: far from the viewport a card holds
 * this instead of a Lexical editor, so that a draft of 200 clauses opens at once. It looks and
 * reads like the editor; a click or the focus mounts the editor there.
 */
export function ClausePreview({ texts, clauseId, label, editable, onActivate }: ClausePreviewProps) {
  const { text } = useClauseText(texts, clauseId);
  return (
    // biome-ignore lint/a11y/useSemanticElements: it stands in for Lexical's editor, itself a contenteditable div with role textbox
    <div
      className="clause-text clause-editor clause-preview"
      role="textbox"
      aria-label={label}
      aria-multiline="true"
      aria-readonly={!editable}
      tabIndex={0}
      onMouseDown={(event: MouseEvent) => {
        // The browser would focus this preview after the handler, which is gone by then: the
        // focus would fall to the page instead of the editor that replaced it.
        event.preventDefault();
        onActivate({ x: event.clientX, y: event.clientY });
      }}
      onFocus={() => onActivate('end')}
    >
      {text.split('\n').map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity of their own
        <p key={i}>{line === '' ? <br /> : line}</p>
      ))}
    </div>
  );
}
