import { type RefObject, useMemo, useRef, useState } from 'react';
import {
  anchorAtOffset,
  type BracketSpan,
  encodeAnchor,
  rawClauseText,
  resolveBracketSpan,
} from '../../shared/consensus/bracket-anchors.ts';
import {
  BRACKET_KIND_LABEL,
  bracketCount,
  deletedBracketReport,
  describeHolders,
  openBrackets,
  shortQuote,
} from '../../shared/consensus/bracket-count.ts';
import {
  canJoinBracket,
  canLeaveBracket,
  canLiftBracket,
  canPlaceBracket,
  canProposeDeletion,
} from '../../shared/consensus/bracket-predicates.ts';
import type { DecisionFacts } from '../../shared/consensus/decide.ts';
import type { ClauseDecisionRecord } from '../../shared/consensus/decision-records.ts';
import { clauseTextRoot } from '../../shared/doc-layout.ts';
import { BracketLimits, type BracketRecord, type PlacedBracketKind } from '../../shared/schemas/brackets.ts';
import type { Command } from '../../shared/schemas/commands.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import type { ClauseKind } from '../../shared/schemas/draft.ts';
import { sendCommand } from '../api/consensus.ts';
import { describeRefusal } from '../consensus/ClauseDecisions.tsx';
import { useClauseText } from '../consensus/use-clause-text.ts';
import { useRoom } from '../room/room-context.tsx';
import { decisionTime } from '../ui/decision-time.ts';
import { useBracketMarks } from './use-bracket-marks.ts';
import { useBracketSelection } from './use-bracket-selection.ts';

export interface ClauseBracketsProps {
  clauseId: string;
  kind: ClauseKind;
  label: string;
  numbered: { label: string; number: string | null; proposedBy: string | null };
  record: ClauseDecisionRecord | undefined;
  /** The card: its text is where words are selected and the brackets painted. */
  card: RefObject<HTMLElement | null>;
  /** The id the summary of the clause's brackets gets, so that the card is described by it. */
  summaryId?: string;
}

const KIND_CHOICES: Array<{ kind: PlacedBracketKind; words: string }> = [
  { kind: 'contested', words: 'Contested' },
  { kind: 'awaiting-instructions', words: 'Awaiting instructions' },
  { kind: 'technical', words: 'Technical (drafting or legal check)' },
];

/**
 * A clause's brackets: painted over its words (`[ … ]`), listed under it with their kind,
 * holders and note, and the controls the rules allow this person (Bracket the selected words,
 * Propose deletion, Join, Leave, Lift). A bracket whose words were deleted says so.
 */
export function ClauseBrackets({ clauseId, kind, label, numbered, record, card, summaryId }: ClauseBracketsProps) {
  const room = useRoom();
  const { draft, doc, adoption } = room;
  const local = useClauseText(room.texts, clauseId);
  const selection = useBracketSelection(card);
  const markers = useRef<HTMLDivElement>(null);
  const [form, setForm] = useState<{ kind: PlacedBracketKind; note: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const brackets = record?.brackets ?? [];
  const open = openBrackets({ brackets });
  // Where each open bracket lies in the text on this screen, or why it no longer does: read
  // again when the text or the brackets' anchors change.
  const anchors = open.map((b) => `${b.id}:${b.start ?? ''}:${b.end ?? ''}`).join(' ');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `local.text` and `anchors` stand for the text and the brackets read
  const spanOf = useMemo(() => {
    const spans = new Map<string, BracketSpan>();
    for (const bracket of open) {
      if (bracket.start !== null && bracket.end !== null) {
        spans.set(bracket.id, resolveBracketSpan(doc, clauseId, bracket.start, bracket.end));
      }
    }
    return spans;
  }, [doc, clauseId, local.text, anchors]);
  const placed = open.map((bracket) => ({ bracket, span: spanOf.get(bracket.id) ?? null }));
  const spans = useMemo(() => [...spanOf.values()].flatMap((span) => (span.ok ? [span] : [])), [spanOf]);
  useBracketMarks(card, markers, spans);
  if (record === undefined) return null;

  // Bracket rules read the clause's own words; its alternatives (whose words this card does not hold) play no part.
  const { alternatives: _alternatives, ...decided } = record;
  const clause = { id: clauseId, kind, text: local.text, textHash: local.hash, ...numbered, ...decided };
  const facts: DecisionFacts = { draft, adoption, clauses: [clause], removed: [], now: new Date().toISOString() };
  const actor: Actor = { session: '', role: draft.you.role, delegation: draft.you.delegation };
  const mayPlace = canPlaceBracket(facts, actor, clauseId);
  const mayPropose = canProposeDeletion(facts, actor, clauseId);
  const lifted = brackets.filter((b) => b.lifted !== null);
  const count = bracketCount(clause);

  const run = async (command: Command) => {
    if (busy) return false;
    setBusy(true);
    setMessage(null);
    try {
      await sendCommand(draft.id, command);
      return true;
    } catch (error: unknown) {
      setMessage(describeRefusal(error));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const place = async () => {
    if (form === null) return;
    if (selection === null) {
      setMessage(`Select the words to bracket in the text of ${label} first.`);
      return;
    }
    const root = clauseTextRoot(doc, clauseId);
    const start = encodeAnchor(anchorAtOffset(root, selection.from, 0));
    const end = encodeAnchor(anchorAtOffset(root, selection.to, -1));
    const span = resolveBracketSpan(doc, clauseId, start, end);
    if (!span.ok || span.words.trim() === '') {
      setMessage('Select words of this clause to bracket, not only spaces.');
      return;
    }
    const note = form.note.trim();
    const sent = await run({
      type: 'place-bracket',
      clauseId,
      textHash: local.hash,
      start,
      end,
      quote: span.words,
      kind: form.kind,
      ...(note === '' ? {} : { note }),
    });
    if (sent) setForm(null);
  };

  const listed = open.length > 0 || numbered.proposedBy !== null || lifted.length > 0;
  if (!listed && !mayPlace && !mayPropose) return <div className="bracket-markers" ref={markers} aria-hidden="true" />;
  return (
    <section className="brackets" aria-label={`Brackets in ${label}`} data-testid="brackets" aria-busy={busy}>
      <div className="bracket-markers" ref={markers} aria-hidden="true" />
      {count > 0 && (
        <p className="brackets-summary" data-testid="brackets-summary" role="status" id={summaryId}>
          {count === 1 ? '1 bracket' : `${count} brackets`}
          {open.length > 0 &&
            ` (${open.map((b) => (b.kind === 'deletion' ? 'the whole clause' : `[${shortQuote(b.quote)}]`)).join(', ')})`}
          : not clean text, so {label} cannot be frozen yet.
          {draft.you.role === 'delegation' &&
            ' Endorsing it means: you accept this text once its brackets are resolved.'}
        </p>
      )}
      {(open.length > 0 || numbered.proposedBy !== null) && (
        <ul className="bracket-list">
          {numbered.proposedBy !== null && (
            <li data-testid="bracket" data-kind="proposal">
              <span className="bracket-words">[whole clause]</span> proposed by {numbered.proposedBy}: bracketed until
              the chair takes it into the text or {numbered.proposedBy} withdraws it.
            </li>
          )}
          {placed.map(({ bracket, span }) => (
            <BracketItem
              key={bracket.id}
              bracket={bracket}
              span={span}
              busy={busy}
              may={{
                join: canJoinBracket(facts, actor, clauseId, bracket.id),
                leave: canLeaveBracket(facts, actor, clauseId, bracket.id),
                lift: canLiftBracket(facts, actor, clauseId, bracket.id),
              }}
              onCommand={(type) => void run({ type, clauseId, bracketId: bracket.id })}
            />
          ))}
        </ul>
      )}
      {(mayPlace || mayPropose) && form === null && (
        <span className="actions">
          {mayPlace && (
            <button
              type="button"
              aria-disabled={busy}
              // Keeps the selection in the text: the click must not take it away.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                if (selection === null)
                  setMessage(`Select the words to bracket in the text of ${label}, then press Bracket.`);
                else setForm({ kind: 'contested', note: '' });
              }}
            >
              Bracket…
            </button>
          )}
          {mayPropose && (
            <button type="button" aria-disabled={busy} onClick={() => void run({ type: 'propose-deletion', clauseId })}>
              Propose deletion
            </button>
          )}
        </span>
      )}
      {form !== null && (
        <form
          className="bracket-form"
          aria-label={`Bracket words of ${label}`}
          onSubmit={(event) => {
            event.preventDefault();
            void place();
          }}
        >
          <p>
            Bracketing:{' '}
            <q data-testid="bracket-selection">
              {selectionWords(rawClauseText(clauseTextRoot(doc, clauseId)), selection)}
            </q>
          </p>
          <label>
            Kind{' '}
            <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as PlacedBracketKind })}>
              {KIND_CHOICES.map((choice) => (
                <option key={choice.kind} value={choice.kind}>
                  {choice.words}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            Note (optional){' '}
            <input
              value={form.note}
              maxLength={BracketLimits.maxNote}
              onChange={(e) => setForm({ ...form, note: e.target.value })}
            />
          </label>{' '}
          <button type="submit" aria-disabled={busy}>
            Place bracket
          </button>{' '}
          <button type="button" onClick={() => setForm(null)}>
            Cancel
          </button>
        </form>
      )}
      {message !== null && (
        <p className="error" role="alert" data-testid="bracket-message">
          {message}
        </p>
      )}
      {lifted.length > 0 && (
        <details className="bracket-history">
          <summary>{lifted.length === 1 ? '1 lifted bracket' : `${lifted.length} lifted brackets`} (history)</summary>
          <ul>
            {lifted.map((b) => (
              <li key={b.id}>
                [{b.quote}] {BRACKET_KIND_LABEL[b.kind]}, placed by {b.holders[0] ?? 'a delegation'} — lifted by{' '}
                {b.lifted?.by === 'chair' ? 'the chair' : b.lifted?.by} at {decisionTime(b.lifted?.at ?? b.placedAt)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function BracketItem(props: {
  bracket: BracketRecord;
  span: BracketSpan | null;
  busy: boolean;
  may: { join: boolean; leave: boolean; lift: boolean };
  onCommand: (type: 'join-bracket' | 'leave-bracket' | 'lift-bracket') => void;
}) {
  const { bracket, span, busy, may, onCommand } = props;
  const deleted = span !== null && !span.ok;
  const words = bracket.kind === 'deletion' ? 'whole clause' : span?.ok === true ? span.words : bracket.quote;
  const holders = describeHolders(bracket.holders);
  return (
    <li data-testid="bracket" data-kind={bracket.kind}>
      <span className="bracket-words">[{words}]</span>{' '}
      <span className="bracket-kind">{BRACKET_KIND_LABEL[bracket.kind]}</span>
      {bracket.kind === 'deletion' ? `: deletion proposed by ${holders}` : `, ${holders}`}
      {bracket.note !== null && <span className="bracket-note">: {bracket.note}</span>}
      {deleted && (
        <span className="bracket-deleted" data-testid="bracket-deleted">
          {' '}
          {deletedBracketReport(bracket)}
        </span>
      )}{' '}
      {may.join && (
        <button type="button" aria-disabled={busy} onClick={() => !busy && onCommand('join-bracket')}>
          Join
        </button>
      )}
      {may.leave && (
        <button type="button" aria-disabled={busy} onClick={() => !busy && onCommand('leave-bracket')}>
          Leave
        </button>
      )}
      {may.lift && (
        <button type="button" aria-disabled={busy} onClick={() => !busy && onCommand('lift-bracket')}>
          Lift
        </button>
      )}
    </li>
  );
}

function selectionWords(text: string, selection: { from: number; to: number } | null): string {
  if (selection === null) return '';
  return text.slice(selection.from, selection.to);
}
