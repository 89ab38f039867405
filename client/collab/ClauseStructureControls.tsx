import type * as Y from 'yjs';
import type { ClauseKind, DraftKind } from '../../shared/schemas/draft.ts';
import { addClause, deleteClause, moveClause } from './clause-structure.ts';

const ADDABLE: Record<DraftKind, Array<{ kind: ClauseKind; label: string }>> = {
  'joint-statement': [
    { kind: 'preamble', label: '+ Preamble' },
    { kind: 'operative', label: '+ Operative' },
  ],
  'chairs-report': [
    { kind: 'paragraph', label: '+ Paragraph' },
    { kind: 'heading', label: '+ Heading' },
  ],
};

export interface ClauseStructureControlsProps {
  doc: Y.Doc;
  draftKind: DraftKind;
  clauseId: string;
  label: string;
  index: number;
  count: number;
  frozen: boolean;
  onAdded: (clauseId: string) => void;
  onDeleted: (label: string) => void;
}

/**
 * Add a clause after this one, move it, delete it. A frozen clause stays where it is: the
 * server refuses any change to its place.
 */
export function ClauseStructureControls(props: ClauseStructureControlsProps) {
  const { doc, draftKind, clauseId, label, index, count, frozen, onAdded, onDeleted } = props;
  return (
    <div className="structure" role="toolbar" aria-label={`Arrange ${label}`}>
      {ADDABLE[draftKind].map(({ kind, label: text }) => (
        <button
          key={kind}
          type="button"
          title={`Add a ${kind} clause after ${label}`}
          aria-label={`Add a ${kind} clause after ${label}`}
          onClick={() => onAdded(addClause(doc, index + 1, kind))}
        >
          {text}
        </button>
      ))}
      <button
        type="button"
        aria-label={`Move ${label} up`}
        disabled={frozen || index === 0}
        onClick={() => moveClause(doc, clauseId, -1)}
      >
        ↑
      </button>
      <button
        type="button"
        aria-label={`Move ${label} down`}
        disabled={frozen || index === count - 1}
        onClick={() => moveClause(doc, clauseId, 1)}
      >
        ↓
      </button>
      <button
        type="button"
        aria-label={`Delete ${label}`}
        disabled={frozen}
        onClick={() => {
          if (window.confirm(`Delete ${label}? You can undo this right after.`)) {
            deleteClause(doc, clauseId);
            onDeleted(label);
          }
        }}
      >
        Delete
      </button>
    </div>
  );
}
