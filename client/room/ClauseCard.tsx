import { type KeyboardEvent, memo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { ClauseDecisionRecord } from '../../shared/consensus/decision-records.ts';
import { delegationColor } from '../../shared/delegation-color.ts';
import type { ClauseView } from '../collab/use-draft-doc.ts';
import { ClauseDecisions } from '../consensus/ClauseDecisions.tsx';
import { ClauseEditor } from '../editor/ClauseEditor.tsx';
import { ClauseErrorBoundary } from '../editor/ClauseErrorBoundary.tsx';
import { type Activation, ClausePreview } from '../editor/ClausePreview.tsx';
import { LockIcon } from '../ui/LockIcon.tsx';
import { ClauseStructureControls, type StructureRights } from './ClauseStructureControls.tsx';
import { useRoom } from './room-context.tsx';
import { useNearViewport } from './use-near-viewport.ts';

export interface ClauseCardProps {
  clause: ClauseView;
  label: string;
  /** How positions and footnotes refer to it ("paragraph 5 bis"), and the number they cite. */
  formalLabel: string;
  number: string | null;
  /** What this person may change about the clause's place in the list. */
  rights: StructureRights;
  /** Set on the first clause of a part of the text ("Preamble", "Operative part"). */
  groupTitle: string | null;
  index: number;
  count: number;
  /** What the server decided on this clause; undefined until the decisions have loaded. */
  record: ClauseDecisionRecord | undefined;
  /** This person created the clause: its editor gives it its first paragraph. */
  createdHere: boolean;
}

/**
 * One clause: its place in the text, its editor, and its decisions. Memoised, so that a cursor
 * moving or another clause changing does not re-render two hundred cards; what all cards share
 * comes from the room's context.
 */
export const ClauseCard = memo(function ClauseCard({
  clause,
  label,
  formalLabel,
  number,
  rights,
  groupTitle,
  index,
  count,
  record,
  createdHere,
}: ClauseCardProps) {
  const room = useRoom();
  const { draft, doc, adoption } = room;
  const frozen = record?.frozen ?? null;
  const editable = draft.you.role !== 'observer' && adoption === null && frozen === null;
  // The editor is mounted once the card comes near the viewport (or is clicked or focused):
  // two hundred Lexical editors at once would keep a large draft from opening quickly.
  const card = useRef<HTMLLIElement>(null);
  const [near, mountNow] = useNearViewport(card, createdHere);
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
    if (!event.altKey || !event.shiftKey) return;
    const step = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0;
    if (step === 0 || (step === -1 && (!rights.moveUp || index === 0))) return;
    if (step === 1 && (!rights.moveDown || index === count - 1)) return;
    event.preventDefault();
    const focused = document.activeElement;
    room.structure.move(clause.id, label, step);
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
        {clause.proposedBy !== null && (
          <span className="proposed-by" data-testid="proposed-by">
            proposed by {clause.proposedBy}
          </span>
        )}
        {frozen !== null && (
          <span className="frozen-by" data-testid="frozen-by">
            <LockIcon /> Frozen by the chair at {formatTime(frozen.at)}
          </span>
        )}
        {near && (
          <ClauseStructureControls
            doc={doc}
            draftKind={draft.kind}
            clauseId={clause.id}
            label={label}
            index={index}
            count={count}
            rights={rights}
          />
        )}
      </div>
      {near ? (
        // A reloaded room has a fresh doc: its editors start afresh too, or they would write
        // their old content, refused words included, into it (and a failed one may work again).
        <ClauseErrorBoundary key={doc.guid} texts={room.texts} clauseId={clause.id} label={label}>
          <ClauseEditor
            clauseId={clause.id}
            label={label}
            doc={doc}
            provider={room.provider}
            editable={editable}
            name={room.who}
            color={delegationColor(room.who)}
            cursorsContainer={room.cursorsContainer}
            cursorRouter={room.cursorRouter}
            bootstrap={createdHere}
            activation={activation}
          />
        </ClauseErrorBoundary>
      ) : (
        <ClausePreview
          texts={room.texts}
          clauseId={clause.id}
          label={label}
          editable={editable}
          onActivate={activate}
        />
      )}
      {/* Far from the viewport a card is its text alone: 200 cards with 19 positions each
          would take most of a second to render. */}
      {near && (
        <ClauseDecisions
          draft={draft}
          texts={room.texts}
          clauseId={clause.id}
          kind={clause.kind}
          label={label}
          numbered={{ label: formalLabel, number, proposedBy: clause.proposedBy }}
          record={record}
          adoption={adoption}
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
