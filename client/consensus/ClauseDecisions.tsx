import { type FocusEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import type { ClauseTextCache } from '../../shared/clause-text-cache.ts';
import { clauseConsensus } from '../../shared/consensus/clause-status.ts';
import {
  canAgreeAdReferendum,
  canReopen,
  canTakeStance,
  type DecisionFacts,
  decide,
} from '../../shared/consensus/decide.ts';
import { DecisionErrorCode } from '../../shared/consensus/decision-error.ts';
import type { ClauseDecisionRecord } from '../../shared/consensus/decision-records.ts';
import { clauseState } from '../../shared/consensus/draft-state.ts';
import { staleBecause } from '../../shared/consensus/positions.ts';
import { RESERVATION_KIND_WORDS } from '../../shared/consensus/reservation-footnote.ts';
import { ErrorCode } from '../../shared/errors.ts';
import { type Command, type PositionStance, TextChangedDetails } from '../../shared/schemas/commands.ts';
import type { Actor, AdoptionMark, ReservationKind } from '../../shared/schemas/decisions.ts';
import type { ClauseKind, DraftSummary } from '../../shared/schemas/draft.ts';
import type { ChairStatementMark, SilenceRecord } from '../../shared/schemas/silence.ts';
import type { ClauseStatus } from '../../shared/schemas/state.ts';
import { sendCommand } from '../api/consensus.ts';
import { ApiError } from '../api/fetch-json.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { LockIcon } from '../ui/LockIcon.tsx';
import { AdReferendumDialog } from './AdReferendumDialog.tsx';
import { freezeWarning, listed } from './freeze-warning.ts';
import { PositionChips } from './PositionChips.tsx';
import { MARK_ICON } from './position-marks.ts';
import { ReasonDialog } from './ReasonDialog.tsx';
import { StalePositionNote } from './StalePositionNote.tsx';
import { TextChangedNotice } from './TextChangedNotice.tsx';
import type { TextChangeAuthors } from './text-change-authors.ts';
import { useClauseText } from './use-clause-text.ts';

const STATUS_TEXT: Record<ClauseStatus, string> = {
  frozen: 'Frozen',
  agreed: '✓ Agreed',
  'agreed-ad-ref': '✓ Agreed ad ref',
  reserved: '✗ Reserved',
  open: '○ Open',
};

/** A command that is taken on a text, with the words the person saw when they sent it. */
type TextCommand = Extract<Command, { type: 'position' | 'freeze' }>;

interface TextChanged {
  command: TextCommand;
  seen: string;
  current: string;
}

export interface ClauseDecisionsProps {
  /** Opens the compare of the version at or before this time with now (a stale position's link). */
  onCompareSince?: (at: string) => void;
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
  /** The id the one-line summary gets, so that the card can be named by it. */
  summaryId?: string;
  /** Who changed clauses since this delegation's positions on them, as far as the room saw. */
  changeAuthors?: TextChangeAuthors | null;
  /** The draft's silences: a running one locks the positions on its clauses. */
  silences?: readonly SilenceRecord[];
  /** Set once the chair issued a Chairman's Statement: nothing can be decided any more. */
  chairStatement?: ChairStatementMark | null;
}

/**
 * Where a clause stands and what this person can do about it: a delegation endorses, reserves
 * (with a reason) or withdraws on the text it sees; the chair freezes and re-opens. What is
 * offered is what the shared rules say the server will accept, asked with the text on screen.
 *
 * Compact by default: one line ("17/19 endorsed · PHL, CHN reserve"), the reasons of the
 * reservations, and every delegation's position on request. The focus never falls to the page:
 * buttons are marked unavailable rather than disabled while a command is on its way, and a
 * control that a decision took away hands the focus to the next one.
 */
export function ClauseDecisions(props: ClauseDecisionsProps) {
  const { draft, texts, clauseId, kind, label, numbered, record, adoption, summaryId, changeAuthors } = props;
  const silenceFacts = { silences: props.silences ?? [], chairStatement: props.chairStatement ?? null };
  const local = useClauseText(texts, clauseId);
  const [dialog, setDialog] = useState<'reserve' | 'ad-ref' | 'reopen' | 'freeze' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [changed, setChanged] = useState<TextChanged | null>(null);
  const [busy, setBusy] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const chipsId = useId();
  const rescue = useFocusRescue();
  if (record === undefined) return null;

  // Judged on the text on this screen, which may be ahead of the server's.
  // Its alternatives are judged by their own controls (client/alternatives/), on their own words.
  const { alternatives: _alternatives, ...decided } = record;
  const clause = { id: clauseId, kind, text: local.text, textHash: local.hash, ...numbered, ...decided };
  const facts: DecisionFacts = {
    draft,
    adoption,
    clauses: [clause],
    removed: [],
    now: new Date().toISOString(),
    ...silenceFacts,
  };
  const actor: Actor = { session: '', role: draft.you.role, delegation: draft.you.delegation };
  const shown = clauseState(clause, draft.delegations);
  const own = shown.positions.find((p) => p.delegation === draft.you.delegation);
  // On a frozen clause a delegation may still endorse its exact text or lift its own reservation.
  const may = {
    endorse: canTakeStance(facts, actor, clauseId, 'endorsed'),
    adRef: canAgreeAdReferendum(facts, actor, clauseId),
    reserve: canTakeStance(facts, actor, clauseId, 'reserved'),
    withdraw: own !== undefined && canTakeStance(facts, actor, clauseId, 'withdrawn'),
  };
  const mayTakePosition = may.endorse || may.reserve || may.withdraw;
  const freeze = decide(facts, actor, { type: 'freeze', clauseId, textHash: local.hash });
  // The chair sees Freeze wherever it would be accepted, and unavailable, with the reason, on an empty or bracketed clause.
  const freezeRefusal = freeze.ok ? null : freeze.error;
  const showFreeze =
    freezeRefusal === null ||
    freezeRefusal.code === DecisionErrorCode.emptyClause ||
    freezeRefusal.code === DecisionErrorCode.bracketed;
  const reserving = shown.positions.filter((p) => p.stance === 'reserved' && !p.stale);
  const staleCount = shown.positions.filter((p) => p.stale).length;
  const endorsedNow = own?.stance === 'endorsed' && !own.stale;
  // Agreed ad referendum and not yet confirmed: this delegation's Endorse is its confirmation.
  const ownAdRef = endorsedNow && own?.adReferendum !== undefined;
  const endorsedPlainly = endorsedNow && !ownAdRef;
  const adRefs = shown.positions.filter((p) => p.stance === 'endorsed' && !p.stale && p.adReferendum !== undefined);
  // Freezing what not everyone endorsed is the chair's call, but made knowingly.
  const unendorsed = freezeRefusal === null ? freezeWarning(clauseConsensus(clause, draft.delegations)) : null;

  const run = async (command: Command) => {
    if (busy) return;
    const seen = local.text;
    setBusy(true);
    setMessage(null);
    setChanged(null);
    try {
      await sendCommand(draft.id, command);
    } catch (error: unknown) {
      const details = error instanceof ApiError ? TextChangedDetails.safeParse(error.details) : null;
      if (details?.success && (command.type === 'position' || command.type === 'freeze')) {
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
  const reserve = (reason: string, kind: ReservationKind) =>
    run({
      type: 'position',
      clauseId,
      stance: 'reserved',
      textHash: local.hash,
      ...(reason === '' ? {} : { reason }),
      ...(kind === 'substantive' ? {} : { reservationKind: kind }),
    });
  const agreeAdRef = (expectedBy: string | undefined) =>
    run({
      type: 'position',
      clauseId,
      stance: 'endorsed',
      textHash: local.hash,
      adReferendum: expectedBy === undefined ? {} : { expectedBy },
    });

  return (
    <div className="decisions" data-testid="decisions" aria-busy={busy} {...rescue}>
      <span className={`status status-${shown.status}`} data-testid="status">
        {shown.status === 'frozen' && <LockIcon />}
        {STATUS_TEXT[shown.status]}
      </span>
      <span className="summary" id={summaryId} data-testid="summary">
        <span className="endorsed-count" data-testid="endorsed-count">
          {shown.endorsedCount}/{draft.delegations.length} endorsed
        </span>
        {reserving.length > 0 && (
          <span className="summary-reserved">
            {' · '}
            {reserving.map((p) => p.delegation).join(', ')} {reserving.length === 1 ? 'reserves' : 'reserve'}
          </span>
        )}
        {adRefs.length > 0 && (
          <span className="summary-ad-ref" data-testid="summary-ad-ref">
            {' · '}
            {adRefs.map((p) => p.delegation).join(', ')} ad ref, not yet confirmed
          </span>
        )}
        {staleCount > 0 && <span className="summary-stale"> · {staleCount} on an earlier text</span>}
      </span>
      <button
        type="button"
        className="summary-toggle"
        aria-expanded={expanded}
        aria-controls={expanded ? chipsId : undefined}
        onClick={() => setExpanded((open) => !open)}
      >
        {expanded ? 'Hide positions' : `All ${draft.delegations.length} positions`}
      </button>
      {mayTakePosition && (
        <span className="actions">
          {may.endorse &&
            (ownAdRef ? (
              <button
                type="button"
                aria-disabled={busy}
                aria-describedby={`${chipsId}-ad-ref`}
                onClick={() => !busy && void position('endorsed')}
              >
                Confirm
              </button>
            ) : (
              <button
                type="button"
                aria-disabled={busy || endorsedPlainly}
                onClick={() => {
                  if (!busy && !endorsedPlainly) void position('endorsed');
                }}
              >
                {endorsedPlainly ? '✓ Endorsed' : 'Endorse'}
              </button>
            ))}
          {may.adRef && !endorsedPlainly && (
            <button type="button" aria-disabled={busy} onClick={() => !busy && setDialog('ad-ref')}>
              {ownAdRef ? 'Change ad ref date…' : 'Agree ad ref…'}
            </button>
          )}
          {may.reserve && (
            <button type="button" aria-disabled={busy} onClick={() => !busy && setDialog('reserve')}>
              Reserve…
            </button>
          )}
          {may.withdraw && (
            <button type="button" aria-disabled={busy} onClick={() => !busy && void position('withdrawn')}>
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
              aria-disabled={busy || freezeRefusal !== null}
              aria-describedby={freezeRefusal === null ? undefined : `${chipsId}-why`}
              onClick={() => {
                if (busy || freezeRefusal !== null) return;
                if (unendorsed === null) void run({ type: 'freeze', clauseId, textHash: local.hash });
                else setDialog('freeze');
              }}
            >
              {unendorsed === null ? 'Freeze' : 'Freeze…'}
            </button>
          ) : (
            <button type="button" aria-disabled={busy} onClick={() => !busy && setDialog('reopen')}>
              Re-open…
            </button>
          )}
        </span>
      )}
      {ownAdRef && own?.adReferendum !== undefined && (
        <p className="note" id={`${chipsId}-ad-ref`} data-testid="own-ad-ref">
          You agreed these words ad referendum
          {own.adReferendum.expectedBy === null ? '' : `, confirmation expected by ${own.adReferendum.expectedBy}`}.
          Press Confirm once your capital agrees; until then the text cannot be adopted.
        </p>
      )}
      {showFreeze && freezeRefusal !== null && (
        <p className="note" id={`${chipsId}-why`}>
          {freezeRefusal.message}
        </p>
      )}
      {reserving.length > 0 && (
        <ul className="reasons" aria-label={`Reservations on ${label}`} data-testid="reasons">
          {reserving.map((p) => (
            <li key={p.delegation}>
              <span aria-hidden="true">{MARK_ICON.reserved}</span> <strong>{p.delegation}</strong>
              <span className="visually-hidden"> reserves</span>
              {p.reservationKind !== undefined && p.reservationKind !== 'substantive'
                ? ` (${RESERVATION_KIND_WORDS[p.reservationKind]} reservation)`
                : ''}
              {p.reason === null ? '' : `: ${p.reason}`}
            </li>
          ))}
        </ul>
      )}
      {expanded && (
        <div id={chipsId} className="chips">
          <PositionChips label={label} delegations={draft.delegations} positions={shown.positions} />
        </div>
      )}
      {mayTakePosition && own?.stale === true && changed === null && (
        <StalePositionNote
          draftId={draft.id}
          label={label}
          stance={own.stance}
          takenOn={own.textHash}
          currentText={local.text}
          renumbered={staleBecause(own, clause) === 'number' ? { from: own.number ?? null, to: clause.number } : null}
          changes={changeAuthors?.since(clauseId, own.textHash) ?? null}
          you={draft.you.delegation}
          takenAt={own.at}
          {...(props.onCompareSince === undefined ? {} : { onCompareSince: props.onCompareSince })}
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
          withKinds
          onCancel={() => setDialog(null)}
          onConfirm={(reason, kind) => {
            setDialog(null);
            void reserve(reason, kind);
          }}
        />
      )}
      {dialog === 'ad-ref' && (
        <AdReferendumDialog
          label={label}
          today={localToday()}
          onCancel={() => setDialog(null)}
          onConfirm={(expectedBy) => {
            setDialog(null);
            void agreeAdRef(expectedBy);
          }}
        />
      )}
      {dialog === 'freeze' && unendorsed !== null && (
        <ConfirmDialog
          title={`Freeze ${label}, which is not agreed?`}
          confirmLabel="Freeze anyway"
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            setDialog(null);
            void run({ type: 'freeze', clauseId, textHash: local.hash });
          }}
        >
          <p>Not every delegation has endorsed the current words of {label}. Frozen, they can no longer change.</p>
          <ul data-testid="freeze-warning">
            {unendorsed.noPosition.length > 0 && (
              <li>
                No position on these words: {listed(unendorsed.noPosition)} ({unendorsed.noPosition.length} of{' '}
                {draft.delegations.length})
              </li>
            )}
            {unendorsed.reserving.map((r) => (
              <li key={r.delegation}>
                {r.delegation} reserves: {r.reason}
              </li>
            ))}
          </ul>
        </ConfirmDialog>
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

/**
 * A decision can take away the control that had the focus (a freeze removes a delegation's
 * Endorse): the browser then drops the focus to the page. Checked after each render, the focus
 * goes instead to the first action left here, or to the card.
 */
function useFocusRescue() {
  const container = useRef<HTMLDivElement>(null);
  const last = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const lost = last.current;
    if (lost === null || lost.isConnected) return;
    const active = document.activeElement;
    if (active !== null && active !== document.body && active.isConnected) return;
    last.current = null;
    const next =
      container.current?.querySelector<HTMLElement>('.actions button:not([aria-disabled="true"])') ??
      container.current?.closest<HTMLElement>('[data-testid="clause"]') ??
      null;
    next?.focus({ preventScroll: true });
  });
  return {
    ref: container,
    onFocus: (event: FocusEvent<HTMLElement>) => {
      if (event.target.closest('dialog') === null) last.current = event.target;
    },
    onBlur: (event: FocusEvent<HTMLElement>) => {
      // Focus moving elsewhere on purpose: nothing to rescue. (A removed control reports no new target.)
      const next = event.relatedTarget;
      if (next instanceof Node && !event.currentTarget.contains(next)) last.current = null;
    },
  };
}

/** The button word for a command, as the person chose it: "Endorse", "Reserve", "Freeze". */
function actionName(command: TextCommand): string {
  if (command.type === 'freeze') return 'Freeze';
  if (command.stance === 'endorsed') return command.adReferendum === undefined ? 'Endorse' : 'Agree ad ref';
  if (command.stance === 'reserved') return 'Reserve';
  return 'Withdraw';
}

/** Today in the person's own calendar, YYYY-MM-DD. */
function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A refusal as the person should read it, with what to do next. */
export function describeRefusal(error: unknown): string {
  if (!(error instanceof ApiError)) return 'The command could not be sent. Check your connection and try again.';
  if (error.code === ErrorCode.textChanged) {
    return 'The text changed while you were deciding. Read the current words, then try again.';
  }
  return error.message;
}
