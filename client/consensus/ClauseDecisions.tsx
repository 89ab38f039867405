import { useState } from 'react';
import type * as Y from 'yjs';
import { type ClauseStatus, clauseStatus } from '../../shared/consensus/clause-status.ts';
import { ErrorCode } from '../../shared/errors.ts';
import { type Command, TextChangedDetails } from '../../shared/schemas/commands.ts';
import type { SessionInfo } from '../../shared/schemas/draft.ts';
import type { ClauseState } from '../../shared/schemas/state.ts';
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
  draftId: string;
  clauseId: string;
  label: string;
  doc: Y.Doc;
  /** The server's view of this clause; undefined until the state has loaded. */
  clause: ClauseState | undefined;
  delegations: readonly string[];
  you: SessionInfo;
  adopted: boolean;
  onChanged: () => void;
}

/**
 * Where a clause stands and what this person can do about it: a delegation endorses, reserves
 * (with a reason) or withdraws on the text it sees; the chair freezes and re-opens.
 */
export function ClauseDecisions(props: ClauseDecisionsProps) {
  const { draftId, clauseId, label, doc, clause, delegations, you, adopted, onChanged } = props;
  const local = useClauseText(doc, clauseId);
  const [dialog, setDialog] = useState<'reserve' | 'reopen' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [changed, setChanged] = useState<TextChanged | null>(null);
  const [busy, setBusy] = useState(false);
  if (clause === undefined) return null;

  // Staleness is judged on the text on this screen, which may be ahead of the server's state.
  const positions = clause.positions.map((p) => ({ ...p, stale: p.textHash !== local.hash }));
  const facts = { id: clauseId, kind: clause.kind, textHash: local.hash, frozen: clause.frozen !== null, positions };
  const status = clauseStatus(facts, delegations);
  const endorsed = positions.filter((p) => p.stance === 'endorsed' && !p.stale).length;
  const own = positions.find((p) => p.delegation === you.delegation);
  const editing = !adopted && clause.frozen === null;

  const run = async (command: Command) => {
    const seen = local.text;
    setBusy(true);
    setMessage(null);
    setChanged(null);
    try {
      await sendCommand(draftId, command);
    } catch (error: unknown) {
      const details = error instanceof ApiError ? TextChangedDetails.safeParse(error.details) : null;
      if (details?.success && 'textHash' in command) {
        setChanged({ command, seen, current: details.data.currentText });
      } else {
        setMessage(describeRefusal(error));
      }
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  const position = (stance: 'endorsed' | 'reserved' | 'withdrawn', reason?: string) =>
    run({ type: 'position', clauseId, stance, textHash: local.hash, ...(reason === undefined ? {} : { reason }) });

  return (
    <div className="decisions" data-testid="decisions">
      <span className={`status status-${status}`} data-testid="status">
        {status === 'frozen' && <LockIcon />}
        {STATUS_TEXT[status]}
      </span>
      <span className="endorsed-count" data-testid="endorsed-count">
        {endorsed}/{delegations.length} endorsed
      </span>
      <PositionChips label={label} delegations={delegations} positions={positions} />
      {editing && you.role === 'delegation' && (
        <span className="actions">
          <button
            type="button"
            disabled={busy || (own?.stance === 'endorsed' && !own.stale)}
            onClick={() => position('endorsed')}
          >
            Endorse
          </button>
          <button type="button" disabled={busy} onClick={() => setDialog('reserve')}>
            Reserve…
          </button>
          {own !== undefined && (
            <button type="button" disabled={busy} onClick={() => position('withdrawn')}>
              Withdraw
            </button>
          )}
        </span>
      )}
      {!adopted && you.role === 'chair' && (
        <span className="actions">
          {clause.frozen === null ? (
            <button
              type="button"
              disabled={busy || local.text === ''}
              title={local.text === '' ? 'An empty clause cannot be frozen.' : undefined}
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
      {editing && own?.stale === true && changed === null && (
        <StalePositionNote
          draftId={draftId}
          label={label}
          stance={own.stance}
          takenOn={own.textHash}
          currentText={local.text}
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
