import type { Provider } from '@lexical/yjs';
import { type KeyboardEvent, memo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type * as Y from 'yjs';
import type { DraftKind, SessionInfo } from '../../shared/schemas/draft.ts';
import type { ClauseState } from '../../shared/schemas/state.ts';
import { ClauseDecisions } from '../consensus/ClauseDecisions.tsx';
import { ClauseEditor } from '../editor/ClauseEditor.tsx';
import { type Activation, ClausePreview } from '../editor/ClausePreview.tsx';
import type { CursorRouter } from '../editor/cursor-router.ts';
import { LockIcon } from '../ui/LockIcon.tsx';
import { ClauseStructureControls } from './ClauseStructureControls.tsx';
import { moveClause } from './clause-structure.ts';
import { delegationColor } from './delegation-color.ts';
import type { ClauseView } from './use-draft-doc.ts';
import { useNearViewport } from './use-near-viewport.ts';

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
  cursorRouter: CursorRouter;
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
  const editable = you.role !== 'observer' && !props.adopted && frozen === null;
  // The editor is mounted once the card comes near the viewport (or is clicked or focused):
  // two hundred Lexical editors at once would keep a large draft from opening quickly.
  const card = useRef<HTMLLIElement>(null);
  const [near, mountNow] = useNearViewport(card, props.createdHere);
  const [activation, setActivation] = useState<Activation | null>(null);
  const activate = (at: Activation) => {
    // Synchronously: keys typed right after the click must find the editor there, focused.
    flushSync(() => {
      setActivation((earlier) => earlier ?? at);
      mountNow();
    });
  };

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
      ref={card}
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
        {arranging && near && (
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
      {near ? (
        <ClauseEditor
          // A reloaded room has a fresh doc: its editors start afresh too, or they would write
          // their old content, refused words included, into it.
          key={doc.guid}
          clauseId={clause.id}
          label={label}
          doc={doc}
          provider={provider}
          editable={editable}
          name={who}
          color={delegationColor(who)}
          cursorsContainer={props.cursorsContainer}
          cursorRouter={props.cursorRouter}
          bootstrap={props.createdHere}
          activation={activation}
        />
      ) : (
        <ClausePreview doc={doc} clauseId={clause.id} label={label} editable={editable} onActivate={activate} />
      )}
      {/* Far from the viewport a card is its text alone: 200 cards with 19 positions each
          would take most of a second to render. */}
      {near && (
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
      )}
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
