import { useState } from 'react';
import type { ClauseTextCache } from '../../shared/clause-text-cache.ts';
import { canReopen, canTakeStance, type DecisionFacts, decide } from '../../shared/consensus/decide.ts';
import { DecisionErrorCode } from '../../shared/consensus/decision-error.ts';
import type { ClauseDecisionRecord } from '../../shared/consensus/decision-records.ts';
import { clauseState } from '../../shared/consensus/draft-state.ts';
import { staleBecause } from '../../shared/consensus/positions.ts';
import { ErrorCode } from '../../shared/errors.ts';
import { type Command, type PositionStance, TextChangedDetails } from '../../shared/schemas/commands.ts';
import type { Actor, AdoptionMark } from '../../shared/schemas/decisions.ts';
import type { ClauseKind, DraftSummary } from '../../shared/schemas/draft.ts';
import type { ClauseStatus } from '../../shared/schemas/state.ts';
import { sendCommand } from '../api/consensus.ts';
import { ApiError } from '../api/fetch-json.ts';
import { LockIcon } from '../ui/LockIcon.tsx';
import { PositionChips } from './PositionChips.tsx';
import { ReasonDialog } from './ReasonDialog.tsx';
import { StalePositionNote } from './StalePositionNote.tsx';
import { TextChangedNotice } from './TextChangedNotice.tsx';
import { useClauseText } from './use-clause-text.ts';

const STATUS_TEXT: Record<ClauseStatus, string> = {
  frozen: 'Frozen',
  agreed: '✓ Agreed',
  reserved: '✗ Reserved',
  open: '○ Open',
};

/** A command that is taken on a text, with the words the person saw when they sent it. */
type TextCommand = Extract<Command, { textHash: string }>;

interface TextChanged {
  command: TextCommand;
  seen: string;
  current: string;
}

export interface ClauseDecisionsProps {
  draft: DraftSummary;
  texts: ClauseTextCache;
  clauseId: string;
  kind: ClauseKind;
  label: string;
  /** How the rules refer to the clause ("paragraph 5 bis"), its cited number and its proposer. */
  numbered: { label: string; number: string | null; proposedBy: string | null };
  /** What the server has decided on this clause; undefined until the decisions have loaded. */
  record: ClauseDecisionRecord | undefined;
  adoption: AdoptionMark | null;
}

/**
 * Where a clause stands and what this person can do about it: a delegation endorses, reserves
 * (with a reason) or withdraws on the text it sees; the chair freezes and re-opens. What is
 * offered is what the shared rules say the server will accept, asked with the text on screen.
 */
export function ClauseDecisions(props: ClauseDecisionsProps) {
  const { draft, texts, clauseId, kind, label, numbered, record, adoption } = props;
  const local = useClauseText(texts, clauseId);
  const [dialog, setDialog] = useState<'reserve' | 'reopen' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [changed, setChanged] = useState<TextChanged | null>(null);
  const [busy, setBusy] = useState(false);
  if (record === undefined) return null;

  // Judged on the text on this screen, which may be ahead of the server's.
  const clause = { id: clauseId, kind, text: local.text, textHash: local.hash, ...numbered, ...record };
  const facts: DecisionFacts = { draft, adoption, clauses: [clause], removed: [], now: new Date().toISOString() };
  const actor: Actor = { session: '', role: draft.you.role, delegation: draft.you.delegation };
  const shown = clauseState(clause, draft.delegations);
  const own = shown.positions.find((p) => p.delegation === draft.you.delegation);
  // On a frozen clause a delegation may still endorse its exact text or lift its own reservation.
  const may = {
    endorse: canTakeStance(facts, actor, clauseId, 'endorsed'),
    reserve: canTakeStance(facts, actor, clauseId, 'reserved'),
    withdraw: own !== undefined && canTakeStance(facts, actor, clauseId, 'withdrawn'),
  };
  const mayTakePosition = may.endorse || may.reserve || may.withdraw;
  const freeze = decide(facts, actor, { type: 'freeze', clauseId, textHash: local.hash });
  // The chair sees Freeze wherever it would be accepted, and disabled, with the reason, on an empty clause.
  const freezeRefusal = freeze.ok ? null : freeze.error;
  const showFreeze = freezeRefusal === null || freezeRefusal.code === DecisionErrorCode.emptyClause;

  const run = async (command: Command) => {
    const seen = local.text;
    setBusy(true);
    setMessage(null);
    setChanged(null);
    try {
      await sendCommand(draft.id, command);
    } catch (error: unknown) {
      const details = error instanceof ApiError ? TextChangedDetails.safeParse(error.details) : null;
      if (details?.success && 'textHash' in command) {
        setChanged({ command, seen, current: details.data.currentText });
      } else {
        setMessage(describeRefusal(error));
      }
    } finally {
      setBusy(false);
    }
  };
  const position = (stance: PositionStance, reason?: string) =>
    run({ type: 'position', clauseId, stance, textHash: local.hash, ...(reason === undefined ? {} : { reason }) });

  return (
    <div className="decisions" data-testid="decisions">
      <span className={`status status-${shown.status}`} data-testid="status">
        {shown.status === 'frozen' && <LockIcon />}
        {STATUS_TEXT[shown.status]}
      </span>
      <span className="endorsed-count" data-testid="endorsed-count">
        {shown.endorsedCount}/{draft.delegations.length} endorsed
      </span>
      <PositionChips label={label} delegations={draft.delegations} positions={shown.positions} />
      {mayTakePosition && (
        <span className="actions">
          {may.endorse && (
            <button
              type="button"
              disabled={busy || (own?.stance === 'endorsed' && !own.stale)}
              onClick={() => position('endorsed')}
            >
              Endorse
            </button>
          )}
          {may.reserve && (
            <button type="button" disabled={busy} onClick={() => setDialog('reserve')}>
              Reserve…
            </button>
          )}
          {may.withdraw && (
            <button type="button" disabled={busy} onClick={() => position('withdrawn')}>
              Withdraw
            </button>
          )}
        </span>
      )}
      {(showFreeze || canReopen(facts, actor, clauseId)) && (
        <span className="actions">
          {showFreeze ? (
            <button
              type="button"
              disabled={busy || freezeRefusal !== null}
              title={freezeRefusal?.message}
              onClick={() => run({ type: 'freeze', clauseId, textHash: local.hash })}
            >
              Freeze
            </button>
          ) : (
            <button type="button" disabled={busy} onClick={() => setDialog('reopen')}>
              Re-open…
            </button>
          )}
        </span>
      )}
      {mayTakePosition && own?.stale === true && changed === null && (
        <StalePositionNote
          draftId={draft.id}
          label={label}
          stance={own.stance}
          takenOn={own.textHash}
          currentText={local.text}
          renumbered={staleBecause(own, clause) === 'number' ? { from: own.number ?? null, to: clause.number } : null}
        />
      )}
      {changed !== null && (
        <TextChangedNotice
          label={label}
          seen={changed.seen}
          current={changed.current}
          action={actionName(changed.command)}
          onDismiss={() => setChanged(null)}
          onRetry={() => void run({ ...changed.command, textHash: local.hash })}
        />
      )}
      {message !== null && (
        <p className="refusal" role="alert">
          {message}
        </p>
      )}
      {dialog === 'reserve' && (
        <ReasonDialog
          title={`Reserve your position on ${label}`}
          confirmLabel="Reserve"
          placeholder="e.g. awaiting instructions from capital"
          onCancel={() => setDialog(null)}
          onConfirm={(reason) => {
            setDialog(null);
            void position('reserved', reason);
          }}
        />
      )}
      {dialog === 'reopen' && (
        <ReasonDialog
          title={`Re-open ${label}`}
          confirmLabel="Re-open"
          placeholder="e.g. PHL proposes new wording"
          onCancel={() => setDialog(null)}
          onConfirm={(reason) => {
            setDialog(null);
            void run({ type: 'reopen', clauseId, reason });
          }}
        />
      )}
    </div>
  );
}

/** The button word for a command, as the person chose it: "Endorse", "Reserve", "Freeze". */
function actionName(command: TextCommand): string {
  if (command.type === 'freeze') return 'Freeze';
  if (command.stance === 'endorsed') return 'Endorse';
  if (command.stance === 'reserved') return 'Reserve';
  return 'Withdraw';
}

/** A refusal as the person should read it, with what to do next. */
function describeRefusal(error: unknown): string {
  if (!(error instanceof ApiError)) return 'The command could not be sent. Check your connection and try again.';
  if (error.code === ErrorCode.textChanged) {
    return 'The text changed while you were deciding. Read the current words, then try again.';
  }
  return error.message;
}
