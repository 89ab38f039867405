import { useState } from 'react';
import type * as Y from 'yjs';
import { type ClauseStatus, clauseStatus } from '../../shared/consensus/clause-status.ts';
import { ErrorCode } from '../../shared/errors.ts';
import type { Command } from '../../shared/schemas/commands.ts';
import type { SessionInfo } from '../../shared/schemas/draft.ts';
import type { ClauseState } from '../../shared/schemas/state.ts';
import { sendCommand } from '../api/consensus.ts';
import { ApiError } from '../api/fetch-json.ts';
import { MARK_ICON, positionMark, positionWords } from './position-marks.ts';
import { ReasonDialog } from './ReasonDialog.tsx';
import { useClauseHash } from './use-clause-hash.ts';

const STATUS_TEXT: Record<ClauseStatus, string> = {
  frozen: 'Frozen',
  agreed: '✓ Agreed',
  reserved: '✗ Reserved',
  open: '○ Open',
};

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
  const localHash = useClauseHash(doc, clauseId);
  const [dialog, setDialog] = useState<'reserve' | 'reopen' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (clause === undefined) return null;

  const positions = clause.positions.map((p) => ({ ...p, stale: p.textHash !== localHash }));
  const facts = { id: clauseId, kind: clause.kind, textHash: localHash, frozen: clause.frozen !== null, positions };
  const status = clauseStatus(facts, delegations);
  const endorsed = positions.filter((p) => p.stance === 'endorsed' && !p.stale).length;
  const own = positions.find((p) => p.delegation === you.delegation);

  const run = async (command: Command) => {
    setBusy(true);
    setMessage(null);
    try {
      await sendCommand(draftId, command);
      onChanged();
    } catch (error: unknown) {
      setMessage(describeRefusal(error));
      onChanged();
    } finally {
      setBusy(false);
    }
  };
  const position = (stance: 'endorsed' | 'reserved' | 'withdrawn', reason?: string) =>
    run({ type: 'position', clauseId, stance, textHash: localHash, ...(reason === undefined ? {} : { reason }) });

  return (
    <div className="decisions" data-testid="decisions">
      <span className={`status status-${status}`} data-testid="status">
        {status === 'frozen' && <LockIcon />}
        {STATUS_TEXT[status]}
      </span>
      <span className="endorsed-count" data-testid="endorsed-count">
        {endorsed}/{delegations.length} endorsed
      </span>
      <ul className="positions" aria-label={`Positions on ${label}`}>
        {delegations.map((code) => {
          const p = positions.find((q) => q.delegation === code);
          const mark = positionMark(p);
          const title = `${code}: ${positionWords(p)}${p?.reason ? ` — ${p.reason}` : ''}`;
          return (
            <li
              key={code}
              className={`chip chip-${mark}`}
              title={title}
              aria-label={title}
              data-testid={`position-${code}`}
            >
              {MARK_ICON[mark]} {code}
            </li>
          );
        })}
      </ul>
      {!adopted && you.role === 'delegation' && clause.frozen === null && (
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
              disabled={busy}
              onClick={() => run({ type: 'freeze', clauseId, textHash: localHash })}
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
      {own?.stale === true && clause.frozen === null && (
        <p className="note">
          Your position was taken on an earlier text of {label}: take it again on the current words.
        </p>
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

/** A refusal as the person should read it, with what to do next. */
function describeRefusal(error: unknown): string {
  if (!(error instanceof ApiError)) return 'The command could not be sent. Check your connection and try again.';
  if (error.code === ErrorCode.textChanged) {
    return 'The text changed while you were deciding. Read the current words, then try again.';
  }
  return error.message;
}

/** A lock drawn in SVG: an emoji lock shows as an empty box where no emoji font is installed. */
function LockIcon() {
  return (
    <svg className="lock-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" fill="currentColor" />
    </svg>
  );
}
