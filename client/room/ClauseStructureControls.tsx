import type * as Y from 'yjs';
import { fitsAt } from '../../shared/clause-order.ts';
import { clauseKind, clauseOrder } from '../../shared/doc-layout.ts';
import type { ClauseKind, DraftKind } from '../../shared/schemas/draft.ts';
import { DisclosureMenu } from '../ui/DisclosureMenu.tsx';
import { addClause, deleteClause, moveClause } from './clause-structure.ts';

const ADDABLE: Record<DraftKind, Array<{ kind: ClauseKind; name: string }>> = {
  'joint-statement': [
    { kind: 'preamble', name: 'a preamble clause' },
    { kind: 'operative', name: 'an operative clause' },
    { kind: 'heading', name: 'a sub-heading' },
  ],
  resolution: [
    { kind: 'preamble', name: 'a preambular paragraph' },
    { kind: 'operative', name: 'an operative paragraph' },
    { kind: 'heading', name: 'a sub-heading' },
  ],
  'chairs-report': [
    { kind: 'paragraph', name: 'a paragraph' },
    { kind: 'heading', name: 'a heading' },
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
 * Add a clause before or after this one, move it, delete it. A frozen clause stays where it is:
 * the server refuses any change to its place.
 */
export function ClauseStructureControls(props: ClauseStructureControlsProps) {
  const { doc, draftKind, clauseId, label, index, count, frozen, onAdded, onDeleted } = props;
  return (
    <div className="structure" role="toolbar" aria-label={`Arrange ${label}`}>
      <DisclosureMenu text="+ Add" label={`Add a clause before or after ${label}`}>
        {(close) => {
          // Only what keeps the order of the parts here (read when the menu opens, not per render).
          const kinds = clauseOrder(doc).map((id) => clauseKind(doc, id));
          const items = ADDABLE[draftKind].flatMap(({ kind, name }) =>
            (['before', 'after'] as const)
              .filter((where) => fitsAt(kinds, where === 'before' ? index : index + 1, kind))
              .map((where) => (
                <button
                  key={`${kind}-${where}`}
                  type="button"
                  aria-label={`Add ${name} ${where} ${label}`}
                  onClick={() => {
                    close();
                    onAdded(addClause(doc, where === 'before' ? index : index + 1, kind));
                  }}
                >
                  {name[0]?.toUpperCase()}
                  {name.slice(1)} {where}
                </button>
              )),
          );
          return items.length > 0 ? items : <p className="menu-empty">Nothing can be added here.</p>;
        }}
      </DisclosureMenu>
      <button
        type="button"
        aria-label={`Move ${label} up`}
        title="Move up (Alt+Shift+↑)"
        disabled={frozen || index === 0}
        onClick={() => moveClause(doc, clauseId, -1)}
      >
        ↑
      </button>
      <button
        type="button"
        aria-label={`Move ${label} down`}
        title="Move down (Alt+Shift+↓)"
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
