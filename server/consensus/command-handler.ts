import type * as Y from 'yjs';
import {
  authorise,
  type Decision,
  type DecisionEffect,
  type DecisionFacts,
  decide,
  isStructureEffect,
} from '../../shared/consensus/decide.ts';
import { auditEntryOf, decisionEventOf } from '../../shared/consensus/decision-audit.ts';
import { type DecisionError, DecisionErrorCode } from '../../shared/consensus/decision-error.ts';
import { changesTextLocks } from '../../shared/consensus/text-lock-changes.ts';
import { ErrorCode } from '../../shared/errors.ts';
import type { AuditEntry } from '../../shared/schemas/audit.ts';
import type { Command } from '../../shared/schemas/commands.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import type { Room } from '../collab/room.ts';
import type { RoomRegistry } from '../collab/room-registry.ts';
import { HttpError } from '../http-error.ts';
import {
  type DecisionRecorder,
  type DecisionStore,
  DraftMovedError,
  type JudgedOn,
} from '../storage/decision-store.ts';
import type { StoredAuthor } from '../storage/document-store.ts';
import type { DraftRecord } from '../storage/draft-store.ts';
import { restoreTextChange } from '../versions/restore-text-change.ts';
import { alternativeDocumentChange } from './alternative-changes.ts';
import type { DecisionEvents } from './decision-events.ts';
import { roomDecisionFacts } from './room-facts.ts';
import { lockSilenceText } from './silence-locks.ts';
import { applyStructureEffect } from './structure-changes.ts';
import { versionOf } from './version-recording.ts';

export interface CommandContext {
  decisions: DecisionStore;
  registry: RoomRegistry;
  events: DecisionEvents;
  now: () => Date;
  /** Told of every stored effect, after its event is pushed: the silence clock watches deadlines. */
  afterDecision?: (draftId: string, effect: DecisionEffect) => void;
}

/** The HTTP status of each refusal; its code is the rules' own. */
const STATUS: Record<DecisionErrorCode, 400 | 403 | 404 | 409> = {
  [DecisionErrorCode.forbidden]: 403,
  [DecisionErrorCode.unknownClause]: 404,
  [DecisionErrorCode.adopted]: 409,
  [DecisionErrorCode.frozen]: 409,
  [DecisionErrorCode.notFrozen]: 409,
  [DecisionErrorCode.textChanged]: 409,
  [DecisionErrorCode.emptyClause]: 409,
  [DecisionErrorCode.adoptionBlocked]: 409,
  [DecisionErrorCode.proposal]: 409,
  [DecisionErrorCode.structureChanged]: 409,
  [DecisionErrorCode.invalidDate]: 400,
  [DecisionErrorCode.bracketed]: 409,
  [DecisionErrorCode.bracketAnchor]: 409,
  [DecisionErrorCode.bracketState]: 409,
  [DecisionErrorCode.unknownBracket]: 404,
  [DecisionErrorCode.unknownAlternative]: 404,
  [DecisionErrorCode.alternativeClosed]: 409,
  [DecisionErrorCode.alternativeRefused]: 409,
  [DecisionErrorCode.silence]: 409,
  [DecisionErrorCode.silenceEnded]: 409,
};

/**
 * One command, as I/O around the pure rules: load the facts, `decide`, store the effect with its
 * audit entry, lock the room's text to match, push the event. All of it runs in the room's
 * exclusive section, so the text judged is the stored text and no update lands between the check
 * and the decision; the event is pushed there too, so events go out in the order of `seq`.
 */
export async function handleCommand(
  context: CommandContext,
  draft: DraftRecord,
  actor: Actor,
  command: Command,
  /** The sender's full session hash: a restore's words are bound to the session that asked. */
  sessionIdHash: string | null = null,
): Promise<AuditEntry> {
  // Refused by role alone: no need to load the room for that.
  const forbidden = authorise(actor, command);
  if (forbidden !== null) throw httpErrorOf(forbidden);
  if (command.type === 'restore-version-text') {
    // The version is read first (it never changes), so that the rule judges it with the room's text.
    const version = await context.decisions.getVersion(draft.id, command.version);
    const held = new Map((version?.clauses ?? []).map((c) => [c.id, c]));
    const writer: StoredAuthor = { sessionIdHash, role: actor.role, delegation: actor.delegation };
    return handleDecision(
      context,
      draft,
      actor,
      (facts) =>
        decide(
          { ...facts, versionText: (n, clauseId) => (n === command.version ? (held.get(clauseId) ?? null) : null) },
          actor,
          command,
        ),
      writer,
    );
  }
  return handleDecision(context, draft, actor, (facts) => decide(facts, actor, command));
}

/**
 * One decision, as the command handler takes it: `rule` judges the facts loaded in the room's
 * exclusive section; its effect is stored, locked into the room and pushed. The silence clock
 * takes its system decisions (a silence concluded at its deadline) through here too.
 */
export async function handleDecision(
  context: CommandContext,
  draft: DraftRecord,
  actor: Actor,
  rule: (facts: DecisionFacts) => Decision,
  /** Who a change to the words is written for (a restore), recorded as its author; else the server. */
  writer?: StoredAuthor,
): Promise<AuditEntry> {
  for (let judged = 1; ; judged++) {
    try {
      return await context.registry.withRoom(draft.id, (room) =>
        room.exclusive(() =>
          context.decisions.holdDraft(draft.id, (recorder) =>
            decideInRoom(context, draft, actor, rule, room, writer, recorder),
          ),
        ),
      );
    } catch (error: unknown) {
      // Another instance stored words or a decision between this one's reading and its writing.
      if (!(error instanceof DraftMovedError)) throw error;
      if (judged >= MAX_JUDGEMENTS) {
        throw new HttpError(
          503,
          ErrorCode.busy,
          'The draft kept changing on other servers while your request was judged; nothing was recorded. Try again.',
        );
      }
    }
  }
}

/** How often a decision is judged again after the store refused it because the draft moved. */
const MAX_JUDGEMENTS = 5;

/**
 * `handleDecision`'s work, inside the room's exclusive section and the draft's hold: judges the
 * command on the room's words and the stored decisions and records its effect through
 * `recorder`, which commits it (and so ends the hold) before anything is locked or pushed.
 */
async function decideInRoom(
  context: CommandContext,
  draft: DraftRecord,
  actor: Actor,
  rule: (facts: DecisionFacts) => Decision,
  room: Room,
  writer: StoredAuthor | undefined,
  recorder: DecisionRecorder,
): Promise<AuditEntry> {
  // With several instances, whatever the others stored and this room has not heard of yet is
  // applied first, so that the rules judge the stored words; the draft is held meanwhile, so
  // nothing comes after them. The store checks that under the draft's lock all the same (nor
  // after the decisions loaded), and refuses otherwise.
  await room.readMissed();
  const records = await context.decisions.loadDecisions(draft.id);
  const updateSeq = room.appliedThrough;
  const judgedOn: JudgedOn | undefined = updateSeq === undefined ? undefined : { updateSeq, auditSeq: records.seq };
  const facts = roomDecisionFacts(draft, room, records, context.now());
  const decision = rule(facts);
  if (!decision.ok) throw httpErrorOf(decision.error);
  const { effect } = decision;
  const audit = auditEntryOf(effect, actor, facts.now);
  let entry: AuditEntry;
  const documentChange = isStructureEffect(effect)
    ? (doc: Y.Doc) => applyStructureEffect(doc, effect)
    : (restoreTextChange(effect) ?? alternativeDocumentChange(effect));
  if (documentChange !== null) {
    // The clause list (or an alternative's words) is changed by the server, in the document,
    // in the same transaction as its record: sent to everyone only once both are stored. (If
    // the store refuses it all the same because another instance wrote in between, the room is
    // dropped, as for any failed store of a server change, and the decision judged again in a
    // fresh one.)
    let recorded: AuditEntry | null = null;
    await room.applyServerChange(
      documentChange,
      async (update, attribution) => {
        // The text after the change: what a version recorded with it holds.
        const version = versionOf(draft, room, records, effect, actor, new Date(facts.now));
        const stored = await recorder.recordStructureDecision(
          draft.id,
          effect,
          audit,
          update,
          version,
          attribution,
          judgedOn,
        );
        recorded = stored.entry;
        return stored.updateSeq;
      },
      writer,
    );
    if (recorded === null) throw new Error('A change to the clause list changed nothing in the document.');
    entry = recorded;
  } else {
    const version = versionOf(draft, room, records, effect, actor, new Date(facts.now));
    entry = await recorder.recordDecision(draft.id, effect, audit, version, judgedOn);
  }
  lockText(room, effect);
  context.events.publish(draft.id, decisionEventOf(entry));
  context.afterDecision?.(draft.id, effect);
  return entry;
}

/** What the room's guard must refuse from now on. */
function lockText(room: Room, effect: DecisionEffect): void {
  if (effect.type === 'freeze') room.freeze(effect.clauseId);
  if (effect.type === 'reopen') room.reopen(effect.clauseId);
  if (effect.type === 'adopt') room.adopt();
  if (effect.type === 'alternative')
    room.setAlternative(effect.clauseId, effect.alternative.n, effect.alternative.state);
  if (effect.type === 'freeze-alternative') {
    room.freeze(effect.clauseId);
    room.setAlternative(effect.clauseId, effect.n, 'retained');
    for (const n of effect.notRetained) room.setAlternative(effect.clauseId, n, 'not-retained');
  }
  lockSilenceText(room, effect);
  if (changesTextLocks(effect)) room.lockChangeRecorded();
}

export function httpErrorOf(error: DecisionError): HttpError {
  return new HttpError(STATUS[error.code], error.code, error.message, error.details);
}
