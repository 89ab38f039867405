import type { Provider } from '@lexical/yjs';
import { type KeyboardEvent, memo } from 'react';
import type * as Y from 'yjs';
import type { DraftKind, SessionInfo } from '../../shared/schemas/draft.ts';
import type { ClauseState } from '../../shared/schemas/state.ts';
import { ClauseDecisions } from '../consensus/ClauseDecisions.tsx';
import { ClauseEditor } from '../editor/ClauseEditor.tsx';
import { LockIcon } from '../ui/LockIcon.tsx';
import { ClauseStructureControls } from './ClauseStructureControls.tsx';
import { moveClause } from './clause-structure.ts';
import { delegationColor } from './delegation-color.ts';
import type { ClauseView } from './use-draft-doc.ts';

export interface ClauseCardProps {
  draftId: string;
  draftKind: DraftKind;
  doc: Y.Doc;
  provider: Provider;
  clause: ClauseView;
  label: string;
  /** Set on the first clause of a part of the text ("Preamble", "Operative part"). */
  groupTitle: string | null;
  index: number;
  count: number;
  /** The server's view of this clause; undefined until the decisions have loaded. */
  state: ClauseState | undefined;
  you: SessionInfo;
  /** The person's name as the others see it at their cursor: delegation code or role. */
  who: string;
  delegations: readonly string[];
  adopted: boolean;
  cursorsContainer: HTMLElement | null;
  /** This person created the clause: its editor gives it its first paragraph. */
  createdHere: boolean;
  onAdded: (clauseId: string) => void;
  onDeleted: (label: string) => void;
  onMoved: (label: string, step: -1 | 1) => void;
  onDecided: () => void;
}

/**
 * One clause: its place in the text, its editor, and its decisions. Memoised, so that a cursor
 * moving or another clause changing does not re-render two hundred cards.
 */
export const ClauseCard = memo(function ClauseCard(props: ClauseCardProps) {
  const { draftId, draftKind, doc, provider, clause, label, groupTitle, index, count, state, you, who } = props;
  const frozen = state?.frozen ?? null;
  const arranging = you.role !== 'observer' && !props.adopted;
  const movable = arranging && frozen === null;

  // Alt+Shift+↑/↓ anywhere in the card moves the clause, and the focus stays where it was.
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (!movable || !event.altKey || !event.shiftKey) return;
    const step = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0;
    if (step === 0 || (step === -1 && index === 0) || (step === 1 && index === count - 1)) return;
    event.preventDefault();
    const focused = document.activeElement;
    moveClause(doc, clause.id, step);
    props.onMoved(label, step);
    requestAnimationFrame(() => {
      if (focused instanceof HTMLElement && focused.isConnected && document.activeElement !== focused) focused.focus();
    });
  };

  return (
    <li
      className={`clause clause-${clause.kind}${frozen !== null ? ' clause-frozen' : ''}`}
      data-testid="clause"
      onKeyDown={onKeyDown}
    >
      {groupTitle !== null && <h2 className="group-title">{groupTitle}</h2>}
      <div className="clause-head">
        <span className="clause-kind">{label}</span>
        {frozen !== null && (
          <span className="frozen-by" data-testid="frozen-by">
            <LockIcon /> Frozen by the chair at {formatTime(frozen.at)}
          </span>
        )}
        {arranging && (
          <ClauseStructureControls
            doc={doc}
            draftKind={draftKind}
            clauseId={clause.id}
            label={label}
            index={index}
            count={count}
            frozen={frozen !== null}
            onAdded={props.onAdded}
            onDeleted={props.onDeleted}
          />
        )}
      </div>
      <ClauseEditor
        // A reloaded room has a fresh doc: its editors start afresh too, or they would write
        // their old content, refused words included, into it.
        key={doc.guid}
        clauseId={clause.id}
        label={label}
        doc={doc}
        provider={provider}
        editable={you.role !== 'observer' && !props.adopted && frozen === null}
        name={who}
        color={delegationColor(who)}
        cursorsContainer={props.cursorsContainer}
        bootstrap={props.createdHere}
      />
      <ClauseDecisions
        draftId={draftId}
        clauseId={clause.id}
        label={label}
        doc={doc}
        clause={state}
        delegations={props.delegations}
        you={you}
        adopted={props.adopted}
        onChanged={props.onDecided}
      />
    </li>
  );
});

function formatTime(iso: string): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === new Date().toDateString();
  return sameDay
    ? at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
