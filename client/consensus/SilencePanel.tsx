import { useEffect, useId, useRef, useState } from 'react';
import { type DecisionFacts, decide } from '../../shared/consensus/decide.ts';
import { DecisionErrorCode } from '../../shared/consensus/decision-error.ts';
import { describeBreak, joinLabels, runningSilence } from '../../shared/consensus/silence.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import { MIN_SILENCE_MS, type SilenceRecord } from '../../shared/schemas/silence.ts';
import { sendCommand } from '../api/consensus.ts';
import { ApiError } from '../api/fetch-json.ts';

/**
 * The silence procedure in the room: the chair's "Circulate under silence" dialog, the banner
 * everyone sees while silence runs (deadline in local time and UTC, a live countdown), the
 * delegations' "Break silence", the chair's "Withdraw", and the outcome with its letter. Every
 * control is offered only when `decide` would accept it, with the facts this screen holds.
 */

/** "Tue 2 Dec, 14:05 (local) · 06:05 UTC". */
export function deadlineWords(iso: string): { local: string; utc: string } {
  const at = new Date(iso);
  const local = at.toLocaleString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  const utc = at.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  });
  return { local, utc: `${utc} UTC` };
}

/** "2 h 05 min 10 s left"; "the deadline has passed" at 0. */
export function countdownWords(ms: number): string {
  if (ms <= 0) return 'The deadline has passed; the server is concluding the procedure.';
  const total = Math.floor(ms / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts = [
    days > 0 ? `${days} d` : '',
    days > 0 || hours > 0 ? `${hours} h` : '',
    `${String(minutes).padStart(days > 0 || hours > 0 ? 2 : 1, '0')} min`,
    days > 0 ? '' : `${String(seconds).padStart(2, '0')} s`,
  ].filter(Boolean);
  return `${parts.join(' ')} left`;
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

function errorText(error: unknown, fallback: string): string {
  return error instanceof ApiError ? error.message : fallback;
}

export interface SilenceBannerProps {
  facts: DecisionFacts;
  actor: Actor;
}

/** The running silence, or the outcome of the last one, for everyone in the room. */
export function SilenceBanner({ facts, actor }: SilenceBannerProps) {
  const running = runningSilence(facts);
  const last = facts.silences?.at(-1) ?? null;
  if (running !== null) return <RunningSilence facts={facts} actor={actor} silence={running} />;
  if (last === null) return null;
  return <SilenceOutcome draftId={facts.draft.id} silence={last} />;
}

function RunningSilence({ facts, actor, silence }: { facts: DecisionFacts; actor: Actor; silence: SilenceRecord }) {
  const now = useNow(1000);
  const [breaking, setBreaking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const { local, utc } = deadlineWords(silence.deadline);
  const what =
    silence.clauseIds === null ? 'The whole draft' : capitalised(joinLabels(silence.clauses.map((c) => c.label)));
  const probe = silence.clauses[0]?.id ?? '';
  const canBreak = decide(facts, actor, {
    type: 'break-silence',
    silenceId: silence.id,
    clauseIds: [probe],
    reason: 'probe',
  }).ok;
  const canWithdraw = decide(facts, actor, { type: 'withdraw-silence', silenceId: silence.id }).ok;
  const withdraw = async () => {
    setMessage(null);
    try {
      await sendCommand(facts.draft.id, { type: 'withdraw-silence', silenceId: silence.id });
    } catch (error) {
      setMessage(errorText(error, 'The silence could not be withdrawn. Try again.'));
    }
  };
  return (
    <section className="silence-banner" data-testid="silence-banner" aria-labelledby="silence-heading">
      <h2 id="silence-heading">Under silence</h2>
      <p>
        {what} {silence.clauseIds !== null && silence.clauses.length > 1 ? 'are' : 'is'} circulated under silence until{' '}
        <strong>{local}</strong> your time (<span data-testid="silence-deadline-utc">{utc}</span>). The text is locked.
        If no delegation breaks silence by then,{' '}
        {silence.clauseIds === null
          ? 'the draft is adopted under silence.'
          : 'these paragraphs are agreed under silence.'}
      </p>
      <p className="silence-countdown" data-testid="silence-countdown">
        {countdownWords(Date.parse(silence.deadline) - now)}
      </p>
      <div className="dialog-actions">
        {canBreak && (
          <button type="button" onClick={() => setBreaking(true)}>
            Break silence…
          </button>
        )}
        {canWithdraw && (
          <button type="button" onClick={withdraw}>
            Withdraw silence
          </button>
        )}
      </div>
      {message !== null && (
        <p className="refusal" role="alert">
          {message}
        </p>
      )}
      {breaking && <BreakSilenceDialog facts={facts} silence={silence} onClose={() => setBreaking(false)} />}
    </section>
  );
}

function SilenceOutcome({ draftId, silence }: { draftId: string; silence: SilenceRecord }) {
  const letter = `/api/drafts/${encodeURIComponent(draftId)}/silences/${encodeURIComponent(silence.id)}/letter`;
  const ended = silence.endedAt === null ? '' : `${deadlineWords(silence.endedAt).local}`;
  let words: string;
  switch (silence.state) {
    case 'broken':
      words = `Silence was broken at ${ended} by ${silence.broken === null ? 'a delegation' : describeBreak(silence.broken)}. The text is open again.`;
      break;
    case 'withdrawn':
      words = `The chair withdrew the silence at ${ended}. The text is open again.`;
      break;
    default:
      words =
        silence.clauseIds === null
          ? `The silence procedure concluded at ${ended} without objection: the draft is adopted under silence.`
          : `The silence procedure concluded at ${ended} without objection: ${joinLabels(silence.clauses.map((c) => c.label))} agreed under silence.`;
  }
  return (
    <section className="silence-banner silence-ended" role="status" data-testid="silence-outcome">
      <p>
        {words} Outcome letter: <a href={`${letter}?format=html`}>HTML</a> · <a href={`${letter}?format=docx`}>Word</a>
      </p>
    </section>
  );
}

function BreakSilenceDialog({
  facts,
  silence,
  onClose,
}: {
  facts: DecisionFacts;
  silence: SilenceRecord;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const reasonId = useId();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const submit = async () => {
    setBusy(true);
    setMessage(null);
    try {
      await sendCommand(facts.draft.id, {
        type: 'break-silence',
        silenceId: silence.id,
        clauseIds: silence.clauses.map((c) => c.id).filter((id) => chosen.has(id)),
        reason: reason.trim(),
      });
      onClose();
    } catch (error) {
      setMessage(errorText(error, 'Silence could not be broken. Try again.'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={dialog} className="reason-dialog" aria-label="Break silence" onCancel={onClose}>
      <h2>Break silence</h2>
      <p>
        Breaking silence ends the procedure at once for everyone: the text is not adopted and opens again. Everyone sees
        that your delegation broke it, on which paragraphs and why.
      </p>
      <fieldset>
        <legend>The paragraphs you object to</legend>
        {silence.clauses.map((clause) => (
          <label key={clause.id} className="check">
            <input
              type="checkbox"
              checked={chosen.has(clause.id)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(clause.id);
                else next.delete(clause.id);
                setChosen(next);
              }}
            />{' '}
            {capitalised(facts.clauses.find((c) => c.id === clause.id)?.label ?? clause.label)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={reasonId}>Reason (required)</label>
      <textarea id={reasonId} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
      {message !== null && (
        <p className="refusal" role="alert">
          {message}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" disabled={busy || chosen.size === 0 || reason.trim() === ''} onClick={submit}>
          Break silence
        </button>
      </div>
    </dialog>
  );
}

/** `at` as the value of a `datetime-local` input, in this browser's time. */
function localInput(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** A minute boundary at least `ms` from now. */
function minutesAhead(ms: number): Date {
  const at = new Date(Date.now() + ms);
  if (at.getSeconds() > 0 || at.getMilliseconds() > 0) at.setMinutes(at.getMinutes() + 1, 0, 0);
  return at;
}

export interface CirculateDialogProps {
  facts: DecisionFacts;
  actor: Actor;
  onClose: () => void;
}

/** The chair's "Circulate under silence": the whole draft or chosen clauses, a deadline, a place. */
export function CirculateDialog({ facts, actor, onClose }: CirculateDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [whole, setWhole] = useState(true);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [deadline, setDeadline] = useState(() => localInput(minutesAhead(10 * 60_000)));
  const [place, setPlace] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const circulable = facts.clauses.filter((c) => c.proposedBy === null && c.text !== '');
  const parsed = new Date(deadline);
  const deadlineIso = Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
  const clauseIds = whole ? null : circulable.map((c) => c.id).filter((id) => chosen.has(id));
  const command =
    deadlineIso === null
      ? null
      : ({
          type: 'circulate-silence',
          clauseIds,
          deadline: deadlineIso,
          textHashes: Object.fromEntries(
            (whole ? facts.clauses : circulable.filter((c) => chosen.has(c.id))).map((c) => [c.id, c.textHash]),
          ),
          ...(place.trim() === '' ? {} : { place: place.trim() }),
        } as const);
  const judged =
    command === null || (clauseIds !== null && clauseIds.length === 0) ? null : decide(facts, actor, command);
  const refusal = judged !== null && !judged.ok ? judged.error : null;
  const dateRefusal = refusal?.code === DecisionErrorCode.invalidDate ? refusal.message : null;
  const submit = async () => {
    if (command === null) return;
    setBusy(true);
    setMessage(null);
    try {
      await sendCommand(facts.draft.id, command);
      onClose();
    } catch (error) {
      setMessage(errorText(error, 'The text could not be circulated. Try again.'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={dialog} className="reason-dialog" aria-label="Circulate under silence" onCancel={onClose}>
      <h2>Circulate under silence</h2>
      <p>
        The text is circulated exactly as it stands now and locked until the deadline. If no delegation breaks silence
        by then, it is adopted (the whole draft) or agreed (chosen paragraphs) without objection.
      </p>
      <fieldset>
        <legend>What to circulate</legend>
        <label className="check">
          <input type="radio" name="silence-scope" checked={whole} onChange={() => setWhole(true)} /> The whole draft
        </label>
        <label className="check">
          <input type="radio" name="silence-scope" checked={!whole} onChange={() => setWhole(false)} /> Chosen
          paragraphs
        </label>
        {!whole &&
          circulable.map((clause) => (
            <label key={clause.id} className="check nested">
              <input
                type="checkbox"
                checked={chosen.has(clause.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(clause.id);
                  else next.delete(clause.id);
                  setChosen(next);
                }}
              />{' '}
              {capitalised(clause.label)}
            </label>
          ))}
      </fieldset>
      <label>
        Deadline (your time){' '}
        <input
          type="datetime-local"
          value={deadline}
          min={localInput(minutesAhead(MIN_SILENCE_MS))}
          aria-describedby="silence-deadline-note"
          onChange={(e) => setDeadline(e.target.value)}
        />
      </label>
      <p id="silence-deadline-note" className="field-note">
        {dateRefusal ??
          (deadlineIso === null
            ? 'Choose a deadline at least 5 minutes from now.'
            : `That is ${deadlineWords(deadlineIso).utc}. At least 5 minutes from now; the UN General Assembly usually allows 72 hours.`)}
      </p>
      {whole && (
        <label>
          Place of adoption{' '}
          <input value={place} onChange={(e) => setPlace(e.target.value)} placeholder="Kuala Lumpur, Malaysia" />
        </label>
      )}
      {refusal !== null && dateRefusal === null && (
        <p className="refusal" data-testid="circulate-refusal">
          {refusal.message}
        </p>
      )}
      {message !== null && (
        <p className="refusal" role="alert">
          {message}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" disabled={busy || judged === null || !judged.ok} onClick={submit}>
          Circulate
        </button>
      </div>
    </dialog>
  );
}

/** The chair's "Issue as Chairman's Statement", with what it means said before it is confirmed. */
export function ChairStatementDialog({ facts, actor, onClose }: CirculateDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [place, setPlace] = useState('');
  const [date, setDate] = useState(() => localInput(new Date()).slice(0, 10));
  const [understood, setUnderstood] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const command = { type: 'issue-chair-statement', place: place.trim() || 'here', date } as const;
  const judged = date === '' ? null : decide(facts, actor, command);
  const submit = async () => {
    setBusy(true);
    setMessage(null);
    try {
      await sendCommand(facts.draft.id, { ...command, place: place.trim() });
      onClose();
    } catch (error) {
      setMessage(errorText(error, "The Chairman's Statement could not be issued. Try again."));
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={dialog} className="reason-dialog" aria-label="Issue as Chairman's Statement" onCancel={onClose}>
      <h2>Issue as Chairman's Statement</h2>
      <p>
        When consensus cannot be reached, the chair may issue the current text under the chair's own authority. It is
        not an adoption: the statement claims no delegation's agreement and lists no positions. Afterwards the draft is
        closed: nobody can change its text or positions.
      </p>
      <label>
        Place <input value={place} onChange={(e) => setPlace(e.target.value)} placeholder="Kuala Lumpur, Malaysia" />
      </label>
      <label>
        Date <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} /> I issue this
        text as a Chairman's Statement, and close the draft
      </label>
      {judged !== null && !judged.ok && <p className="refusal">{judged.error.message}</p>}
      {message !== null && (
        <p className="refusal" role="alert">
          {message}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          disabled={busy || !understood || place.trim() === '' || judged === null || !judged.ok}
          onClick={submit}
        >
          Issue statement
        </button>
      </div>
    </dialog>
  );
}

/** Shown to everyone once the chair issued the text as a Chairman's Statement. */
export function ChairStatementBanner({ draftId }: { draftId: string }) {
  const base = `/api/drafts/${encodeURIComponent(draftId)}/chair-statement/export`;
  return (
    <section className="adopted-banner" role="status" data-testid="chair-statement-banner">
      <strong>Issued as a Chairman's Statement.</strong> Consensus was not reached: the chair issued the text under the
      chair's own authority, and it records no delegation's agreement. The draft is closed. Download:{' '}
      <a href={`${base}?format=html`}>HTML</a> · <a href={`${base}?format=docx`}>Word</a> ·{' '}
      <a href={`${base}?format=md`}>Markdown</a>
    </section>
  );
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
