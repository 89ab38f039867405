import { type KeyboardEvent, type MouseEvent, memo, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { ClauseDecisionRecord } from '../../shared/consensus/decision-records.ts';
import { delegationColor } from '../../shared/delegation-color.ts';
import { ClauseAlternatives } from '../alternatives/ClauseAlternatives.tsx';
import { ClauseAuthorship } from '../attribution/ClauseAuthorship.tsx';
import { ClauseBrackets } from '../brackets/ClauseBrackets.tsx';
import type { ClauseView } from '../collab/use-draft-doc.ts';
import { ClauseComments, CommentCount } from '../comments/ClauseComments.tsx';
import { ClauseDecisions } from '../consensus/ClauseDecisions.tsx';
import type { ReopenNote } from '../consensus/use-reopen-notes.ts';
import { ClauseEditor } from '../editor/ClauseEditor.tsx';
import { ClauseErrorBoundary } from '../editor/ClauseErrorBoundary.tsx';
import { type Activation, ClausePreview } from '../editor/ClausePreview.tsx';
import { decisionTime } from '../ui/decision-time.ts';
import { LockIcon } from '../ui/LockIcon.tsx';
import { ClauseStructureControls, type StructureRights } from './ClauseStructureControls.tsx';
import { cardKeyAction, cardStops, focusCard } from './card-keys.ts';
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
  /** Why the chair re-opened it, while it is open again. */
  reopened: ReopenNote | null;
}

/** The id of the element that tells every card's keys (one for all cards). */
export const CARD_KEYS_HINT_ID = 'card-keys-hint';

/**
 * One clause: its place in the text, its editor, and its decisions. Memoised, so that a cursor
 * moving or another clause changing does not re-render two hundred cards; what all cards share
 * comes from the room's context. The card is one tab stop (see `card-keys.ts`): Enter goes into
 * its text, Tab inside it through its controls.
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
  reopened,
}: ClauseCardProps) {
  const room = useRoom();
  const { draft, doc, adoption } = room;
  const frozen = record?.frozen ?? null;
  const silenced = room.silenced?.has(clause.id) === true;
  const closed = adoption !== null || room.statementIssued === true;
  const editable = draft.you.role !== 'observer' && !closed && frozen === null && !silenced;
  // The editor is mounted once the card comes near the viewport (or is clicked or focused):
  // two hundred Lexical editors at once would keep a large draft from opening quickly.
  const card = useRef<HTMLLIElement>(null);
  const [near, mountNow] = useNearViewport(card, createdHere);
  const [activation, setActivation] = useState<Activation | null>(null);
  const [readOnlyShown, setReadOnlyShown] = useState(false);
  const activate = (at: Activation) => {
    // Synchronously: keys typed right after the click must find the editor there, focused.
    flushSync(() => {
      setActivation((earlier) => earlier ?? at);
      mountNow();
    });
  };
  const domId = `clause-${clause.id}`;
  const readOnly = silenced
    ? `Read-only: ${label} is under silence, so its words are locked until the deadline. A delegation that objects breaks silence.`
    : room.statementIssued === true
      ? "Read-only: the chair issued the text as a Chairman's Statement, and the draft is closed."
      : readOnlyWhy(draft.you.role, adoption !== null, frozen !== null, label);

  // Frozen while the person was in it: say so at once, and keep the focus in the card.
  const focusInside = useRef(false);
  const wasFrozen = useRef(frozen !== null);
  useEffect(() => {
    const now = frozen !== null;
    const element = card.current;
    if (now && !wasFrozen.current && element !== null && focusInside.current) {
      setReadOnlyShown(true);
      const active = document.activeElement;
      if (active === null || active === document.body) element.focus({ preventScroll: true });
    }
    if (!now) setReadOnlyShown(false);
    wasFrozen.current = now;
  }, [frozen]);

  const enter = (element: HTMLLIElement) => {
    if (readOnly !== null) {
      setReadOnlyShown(true);
      cardStops(element)[0]?.focus();
      return;
    }
    const editor = element.querySelector<HTMLElement>('.clause-editor[contenteditable="true"]');
    if (editor === null) {
      activate('end');
      return;
    }
    editor.focus({ preventScroll: true });
    const selection = window.getSelection();
    const range = document.createRange();
    range.selectNodeContents(editor);
    range.collapse(false);
    selection?.removeAllRanges();
    selection?.addRange(range);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    const element = event.currentTarget;
    // Alt+Shift+↑/↓ anywhere in the card moves the clause, and the focus stays where it was.
    if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey) {
      const step = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0;
      if (step === 0 || (step === -1 && (!rights.moveUp || index === 0))) return;
      if (step === 1 && (!rights.moveDown || index === count - 1)) return;
      event.preventDefault();
      const focused = document.activeElement;
      room.structure.move(clause.id, label, step);
      requestAnimationFrame(() => {
        if (focused instanceof HTMLElement && focused.isConnected && document.activeElement !== focused) {
          focused.focus();
        }
      });
      return;
    }
    if (!(event.target instanceof HTMLElement)) return;
    // Typing at a card whose text cannot change: say why, instead of nothing happening.
    if (readOnly !== null && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      setReadOnlyShown(true);
    }
    const action = cardKeyAction(element, event.target, event.nativeEvent);
    if (action === null) return;
    if (action.type === 'leave-list') {
      // Backwards, the browser's own order already leads out of the list.
      if (!action.forward) return;
      const after = document.getElementById(END_OF_TEXT_ID);
      if (after === null) return;
      event.preventDefault();
      after.focus();
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    if (action.type === 'enter') enter(element);
    else if (action.target.matches('[data-testid="clause"]')) focusCard(action.target);
    else action.target.focus();
  };

  const onMouseDown = (event: MouseEvent<HTMLLIElement>) => {
    if (readOnly !== null && event.target instanceof Element && event.target.closest('.clause-editor') !== null) {
      setReadOnlyShown(true);
    }
  };

  return (
    <li
      id={domId}
      className={`clause clause-${clause.kind}${frozen !== null || silenced ? ' clause-frozen' : ''}`}
      data-testid="clause"
      ref={card}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the card is the list's tab stop, with the keys of card-keys.ts
      tabIndex={0}
      aria-labelledby={near && record !== undefined ? `${domId}-label ${domId}-summary` : `${domId}-label`}
      // The brackets' summary, when there is one, is read with the card (an absent id is skipped).
      aria-describedby={`${CARD_KEYS_HINT_ID} ${domId}-brackets`}
      onKeyDown={onKeyDown}
      onMouseDown={onMouseDown}
      onFocus={() => {
        focusInside.current = true;
      }}
      onBlur={(event) => {
        // A control that disappears reports no new target: the focus is still "here" then. The
        // note stays: taking it away as the focus leaves would move the page under a click
        // (between its mouse-down and its mouse-up) and the click would land on nothing.
        if (event.relatedTarget !== null && !event.currentTarget.contains(event.relatedTarget)) {
          focusInside.current = false;
        }
      }}
    >
      {groupTitle !== null && <h2 className="group-title">{groupTitle}</h2>}
      <div className="clause-head">
        <span className="clause-kind" id={`${domId}-label`}>
          {label}
        </span>
        {clause.proposedBy !== null && (
          <span className="proposed-by" data-testid="proposed-by">
            proposed by {clause.proposedBy}
          </span>
        )}
        {silenced && (
          <span className="frozen-by" data-testid="under-silence">
            <LockIcon />
            Under silence
          </span>
        )}
        {frozen !== null && (
          <span className="frozen-by" data-testid="frozen-by">
            <LockIcon />
            Frozen by the chair at {decisionTime(frozen.at)}
          </span>
        )}
        <CommentCount clauseId={clause.id} />
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
      <div className="card-notes">
        {readOnly !== null && readOnlyShown && (
          <p className="read-only-note" role="status" data-testid="read-only-note">
            {readOnly}
          </p>
        )}
        {reopened !== null && frozen === null && (
          <p className="reopened-note" data-testid="reopened-note">
            Re-opened by the chair at {decisionTime(reopened.at)}: {reopened.reason}
          </p>
        )}
      </div>
      {/* Far from the viewport a card is its text alone: 200 cards with 19 positions each
          would take most of a second to render. */}
      {near && (
        <ClauseBrackets
          clauseId={clause.id}
          kind={clause.kind}
          label={label}
          numbered={{ label: formalLabel, number, proposedBy: clause.proposedBy }}
          record={record}
          card={card}
          summaryId={`${domId}-brackets`}
        />
      )}
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
          summaryId={`${domId}-summary`}
          changeAuthors={room.changeAuthors}
          {...(room.silences === undefined ? {} : { silences: room.silences })}
          chairStatement={room.chairStatement ?? null}
          {...(room.openCompareSince === undefined ? {} : { onCompareSince: room.openCompareSince })}
        />
      )}
      {near && (
        <ClauseAlternatives
          clause={{ id: clause.id, kind: clause.kind, label: formalLabel, number, proposedBy: clause.proposedBy }}
          cardLabel={label}
          record={record}
        />
      )}
      {near && <ClauseAuthorship draftId={draft.id} doc={doc} clauseId={clause.id} label={label} />}
      {near && <ClauseComments clauseId={clause.id} label={label} />}
    </li>
  );
});

/** The element after the list of clauses, where Tab goes from the last card. */
export const END_OF_TEXT_ID = 'end-of-text';

/** Why this person cannot change this clause's words, or null when they can. */
function readOnlyWhy(role: string, adopted: boolean, frozen: boolean, label: string): string | null {
  if (adopted) return 'Read-only: the draft is adopted, and its text is final.';
  if (role === 'observer') return 'Read-only: observers follow the text and the decisions, and cannot change them.';
  if (frozen) return `Read-only: ${label} is frozen, so its words can no longer change. Only the chair can re-open it.`;
  return null;
}
