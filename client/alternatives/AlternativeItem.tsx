import { useState } from 'react';
import {
  canChangeAlternative,
  canFreezeWithAlternative,
  canTakeAlternativeStance,
  findAlternative,
} from '../../shared/consensus/alternative-predicates.ts';
import { alternativeViewsOf } from '../../shared/consensus/alternative-records.ts';
import type { ClauseDecisionRecord } from '../../shared/consensus/decision-records.ts';
import { delegationColor } from '../../shared/delegation-color.ts';
import { alternativeRootName } from '../../shared/doc-layout.ts';
import { type AlternativeRecord, alternativeLabel } from '../../shared/schemas/alternatives.ts';
import type { Command, PositionStance } from '../../shared/schemas/commands.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import { sendCommand } from '../api/consensus.ts';
import { describeRefusal } from '../consensus/ClauseDecisions.tsx';
import { MARK_ICON } from '../consensus/position-marks.ts';
import { ReasonDialog } from '../consensus/ReasonDialog.tsx';
import { ClauseEditor } from '../editor/ClauseEditor.tsx';
import { ClauseErrorBoundary } from '../editor/ClauseErrorBoundary.tsx';
import { useRoom } from '../room/room-context.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { LockIcon } from '../ui/LockIcon.tsx';
import { type AlternativeClauseView, alternativeClauseFacts } from './alternative-facts.ts';
import { useAlternativeText } from './use-alternative-text.ts';

export interface AlternativeItemProps {
  clause: AlternativeClauseView;
  /** How the room names the clause ("OP 3"). */
  cardLabel: string;
  alternative: AlternativeRecord;
  record: ClauseDecisionRecord;
}

const STATE_NOTE: Record<AlternativeRecord['state'], string | null> = {
  open: null,
  withdrawn: 'Withdrawn',
  retained: 'Retained: these words became the clause text',
  'not-retained': 'Not retained',
};

/**
 * One alternative formulation of a clause: "Alt 1 — sponsored by USA, JPN", its words in a live
 * editor of its own root while it is open, the positions on it, and what this person may do with
 * it (endorse or reserve, sponsor or leave it, withdraw it, and for the chair, freeze the clause
 * with it). Every control is offered only where the server's rules would accept it.
 */
export function AlternativeItem({ clause, cardLabel, alternative, record }: AlternativeItemProps) {
  const room = useRoom();
  const { draft, adoption } = room;
  const { n } = alternative;
  const local = useAlternativeText(room.texts, clause.id, n);
  const [dialog, setDialog] = useState<'reserve' | 'freeze' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const facts = alternativeClauseFacts(draft, room.texts, clause, record, adoption);
  const actor: Actor = { session: '', role: draft.you.role, delegation: draft.you.delegation };
  const held = findAlternative(facts, clause.id, n);
  const shown =
    held === null
      ? undefined
      : alternativeViewsOf({ alternatives: [held], number: clause.number }, draft.delegations)?.[0];
  const label = alternativeLabel(n);
  const fullLabel = `${label} of ${cardLabel}`;
  const open = alternative.state === 'open';
  const locked = record.frozen !== null || adoption !== null;
  const editable = open && !locked && draft.you.role !== 'observer';
  const own = shown?.positions.find((p) => p.delegation === draft.you.delegation);
  const ownNow = own !== undefined && !own.stale ? own : undefined;
  const may = {
    endorse: canTakeAlternativeStance(facts, actor, clause.id, n, 'endorsed'),
    reserve: canTakeAlternativeStance(facts, actor, clause.id, n, 'reserved'),
    withdrawPosition: own !== undefined && canTakeAlternativeStance(facts, actor, clause.id, n, 'withdrawn'),
    sponsor: canChangeAlternative(facts, actor, clause.id, n, 'sponsor-alternative'),
    leave: canChangeAlternative(facts, actor, clause.id, n, 'leave-alternative'),
    withdraw: canChangeAlternative(facts, actor, clause.id, n, 'withdraw-alternative'),
    freeze: canFreezeWithAlternative(facts, actor, clause.id, n),
  };
  const endorsed = shown?.positions.filter((p) => p.stance === 'endorsed' && !p.stale) ?? [];
  const reserving = shown?.positions.filter((p) => p.stance === 'reserved' && !p.stale) ?? [];
  const staleCount = shown?.positions.filter((p) => p.stale).length ?? 0;

  const run = async (command: Command) => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    try {
      await sendCommand(draft.id, command);
    } catch (error: unknown) {
      setMessage(describeRefusal(error));
    } finally {
      setBusy(false);
    }
  };
  const position = (stance: PositionStance, reason?: string) =>
    run({
      type: 'position',
      clauseId: clause.id,
      alternative: n,
      stance,
      textHash: local.hash,
      ...(reason === undefined ? {} : { reason }),
    });
  const change = (type: 'sponsor-alternative' | 'leave-alternative' | 'withdraw-alternative') =>
    run({ type, clauseId: clause.id, alternative: n });
  const headingId = `alt-${clause.id}-${n}`;

  return (
    <li
      className={`alternative alternative-${alternative.state}`}
      data-testid="alternative"
      aria-labelledby={headingId}
      aria-busy={busy}
    >
      <div className="alternative-head">
        <span className="alternative-label" id={headingId}>
          {label} — sponsored by {alternative.sponsors.join(', ')}
        </span>
        {STATE_NOTE[alternative.state] !== null && (
          <span className="alternative-state" data-testid="alternative-state">
            {alternative.state !== 'open' && <LockIcon />}
            {STATE_NOTE[alternative.state]}
          </span>
        )}
      </div>
      {open ? (
        // A reloaded room has a fresh doc: the editor starts afresh with it, as a clause's does.
        <ClauseErrorBoundary
          key={room.doc.guid}
          texts={room.texts}
          clauseId={clause.id}
          label={fullLabel}
          alternative={n}
        >
          <ClauseEditor
            clauseId={clause.id}
            rootName={alternativeRootName(clause.id, n)}
            label={`Text of ${fullLabel}`}
            doc={room.doc}
            provider={room.provider}
            editable={editable}
            name={room.who}
            color={delegationColor(room.who)}
            cursorsContainer={room.cursorsContainer}
            cursorRouter={room.cursorRouter}
            bootstrap={false}
            activation={null}
          />
        </ClauseErrorBoundary>
      ) : (
        <p className="clause-text alternative-text" data-testid="alternative-text">
          {local.text}
        </p>
      )}
      {open && (
        <p className="alternative-summary" data-testid="alternative-summary">
          {endorsed.length}/{draft.delegations.length} endorsed
          {endorsed.length > 0 && ` (${endorsed.map((p) => p.delegation).join(', ')})`}
          {reserving.length > 0 &&
            ` · ${reserving.map((p) => p.delegation).join(', ')} ${reserving.length === 1 ? 'reserves' : 'reserve'}`}
          {staleCount > 0 && ` · ${staleCount} on an earlier text`}
        </p>
      )}
      {reserving.length > 0 && open && (
        <ul className="reasons" aria-label={`Reservations on ${fullLabel}`}>
          {reserving.map((p) => (
            <li key={p.delegation}>
              <span aria-hidden="true">{MARK_ICON.reserved}</span> <strong>{p.delegation}</strong>
              <span className="visually-hidden"> reserves</span>: {p.reason}
            </li>
          ))}
        </ul>
      )}
      {Object.values(may).some(Boolean) && (
        <span className="actions">
          {may.endorse && (
            <button
              type="button"
              aria-disabled={busy || ownNow?.stance === 'endorsed'}
              onClick={() => {
                if (!busy && ownNow?.stance !== 'endorsed') void position('endorsed');
              }}
            >
              {ownNow?.stance === 'endorsed' ? (
                <>
                  <span aria-hidden="true">✓ </span>Endorsed {label}
                </>
              ) : (
                `Endorse ${label}`
              )}
            </button>
          )}
          {may.reserve && (
            <button type="button" aria-disabled={busy} onClick={() => !busy && setDialog('reserve')}>
              Reserve on {label}…
            </button>
          )}
          {may.withdrawPosition && (
            <button type="button" aria-disabled={busy} onClick={() => !busy && void position('withdrawn')}>
              Withdraw position on {label}
            </button>
          )}
          {may.sponsor && (
            <button type="button" aria-disabled={busy} onClick={() => !busy && void change('sponsor-alternative')}>
              Sponsor {label}
            </button>
          )}
          {may.leave && (
            <button type="button" aria-disabled={busy} onClick={() => !busy && void change('leave-alternative')}>
              Stop sponsoring {label}
            </button>
          )}
          {may.withdraw && (
            <button type="button" aria-disabled={busy} onClick={() => !busy && void change('withdraw-alternative')}>
              Withdraw {label}
            </button>
          )}
          {may.freeze && (
            <button type="button" aria-disabled={busy} onClick={() => !busy && setDialog('freeze')}>
              Freeze with {label}…
            </button>
          )}
        </span>
      )}
      {open && own?.stale === true && (
        <p className="note" data-testid="alternative-stale-note">
          Your delegation {own.stance === 'endorsed' ? 'endorsed' : 'reserved on'} earlier words of {label}: that
          position no longer counts. Read its words again and take your position on them.
        </p>
      )}
      {message !== null && (
        <p className="refusal" role="alert">
          {message}
        </p>
      )}
      {dialog === 'reserve' && (
        <ReasonDialog
          title={`Reserve your position on ${fullLabel}`}
          confirmLabel="Reserve"
          placeholder="e.g. cannot accept 'binding'"
          onCancel={() => setDialog(null)}
          onConfirm={(reason) => {
            setDialog(null);
            void position('reserved', reason);
          }}
        />
      )}
      {dialog === 'freeze' && (
        <ConfirmDialog
          title={`Freeze ${cardLabel} with ${label}?`}
          confirmLabel={`Freeze with ${label}`}
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            setDialog(null);
            void run({ type: 'freeze', clauseId: clause.id, alternative: n, textHash: local.hash });
          }}
        >
          <p>
            These words of {label} become the text of {cardLabel}, which is then frozen:
          </p>
          <blockquote data-testid="freeze-alternative-text">{local.text}</blockquote>
          <p>
            {label} is marked retained. The other open alternatives are kept, marked not retained, and can no longer be
            edited. {endorsed.length}/{draft.delegations.length} delegations endorsed these words
            {endorsed.length > 0 ? `: ${endorsed.map((p) => p.delegation).join(', ')}` : ''}; their positions count for
            the clause.
          </p>
        </ConfirmDialog>
      )}
    </li>
  );
}
