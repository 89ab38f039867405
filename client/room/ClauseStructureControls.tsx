import type * as Y from 'yjs';
import { fitsAt } from '../../shared/clause-order.ts';
import { clauseKind, clauseOrder } from '../../shared/doc-layout.ts';
import type { ClauseKind, DraftKind } from '../../shared/schemas/draft.ts';
import { DisclosureMenu } from '../ui/DisclosureMenu.tsx';
import { useRoom } from './room-context.tsx';

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
  /** What the server would accept from this person here, as the shared rules say. */
  rights: StructureRights;
}

/** Which changes to the clause list this person may make at one clause. */
export interface StructureRights {
  add: boolean;
  moveUp: boolean;
  moveDown: boolean;
  delete: boolean;
  /** The chair, on a delegation's proposal: take it into the text. */
  takeUp: boolean;
}

/**
 * Add a clause before or after this one, move it, delete it, take a proposal into the text: each
 * a command the server decides on (moving and deleting are the chair's and the secretariat's; a
 * delegation adds proposals and withdraws its own). Only what the rules would accept is offered.
 */
export function ClauseStructureControls(props: ClauseStructureControlsProps) {
  const { doc, draftKind, clauseId, label, index, count, rights } = props;
  const { structure } = useRoom();
  if (!rights.add && !rights.moveUp && !rights.moveDown && !rights.delete && !rights.takeUp) return null;
  return (
    <div className="structure" role="toolbar" aria-label={`Arrange ${label}`}>
      {rights.add && (
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
                      structure.add(clauseOrder(doc), where === 'before' ? index : index + 1, kind);
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
      )}
      {(rights.moveUp || rights.moveDown) && (
        <>
          <button
            type="button"
            aria-label={`Move ${label} up`}
            title="Move up (Alt+Shift+↑)"
            disabled={!rights.moveUp || index === 0}
            onClick={() => structure.move(clauseId, label, -1)}
          >
            ↑
          </button>
          <button
            type="button"
            aria-label={`Move ${label} down`}
            title="Move down (Alt+Shift+↓)"
            disabled={!rights.moveDown || index === count - 1}
            onClick={() => structure.move(clauseId, label, 1)}
          >
            ↓
          </button>
        </>
      )}
      {rights.takeUp && (
        <button type="button" onClick={() => structure.takeUp(clauseId)}>
          Take into the text
        </button>
      )}
      {rights.delete && (
        <button
          type="button"
          aria-label={`Delete ${label}`}
          onClick={() => {
            if (
              window.confirm(`Delete ${label}? Its words and the positions on it are kept, and it can be restored.`)
            ) {
              structure.remove(clauseId, label);
            }
          }}
        >
          Delete
        </button>
      )}
    </div>
  );
}
