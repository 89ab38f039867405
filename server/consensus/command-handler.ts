import { adoptionReadiness, describeBlocker } from '../../shared/consensus/adoption-readiness.ts';
import { hashClauseText } from '../../shared/consensus/clause-hash.ts';
import { paragraphLabels } from '../../shared/consensus/paragraph-labels.ts';
import { ErrorCode } from '../../shared/errors.ts';
import type { Command } from '../../shared/schemas/commands.ts';
import type { Room } from '../collab/room.ts';
import type { RoomRegistry } from '../collab/room-registry.ts';
import { HttpError } from '../http-error.ts';
import type { Actor, AuditEntry, DecisionEffect, DraftRecord, Storage } from '../storage/storage.ts';
import { allClauseSnapshots, type ClauseSnapshot, clauseOrder, clauseSnapshot } from './clause-facts.ts';
import type { DecisionEvents } from './decision-events.ts';

export interface CommandContext {
  storage: Storage;
  registry: RoomRegistry;
  events: DecisionEvents;
  now: () => Date;
}

/** Who sends a command, from the session alone. */
export interface CommandSender {
  role: string;
  delegation: string | null;
  sessionIdHash: string;
}

/**
 * Authorises, checks against the rules and records one command, inside the room's exclusive
 * section: the text it judges is the stored text, and no update can land between its checks and
 * its decision. Refusals are {@link HttpError}s with a code and a message a person understands.
 */
export async function handleCommand(
  context: CommandContext,
  draft: DraftRecord,
  sender: CommandSender,
  command: Command,
): Promise<AuditEntry> {
  authorise(sender, command);
  const room = await context.registry.acquire(draft.id);
  try {
    const entry = await room.exclusive(() => decide(context, room, draft, sender, command));
    context.events.publish(draft.id, entry);
    return entry;
  } finally {
    context.registry.release(room);
  }
}

function authorise(sender: CommandSender, command: Command): void {
  if (command.type === 'position' && sender.role !== 'delegation') {
    throw new HttpError(
      403,
      ErrorCode.forbidden,
      sender.role === 'chair'
        ? 'The chair takes no positions as chair: your delegation takes its position through its own link.'
        : 'Only a delegation takes positions on clauses.',
    );
  }
  if (command.type !== 'position' && sender.role !== 'chair') {
    throw new HttpError(
      403,
      ErrorCode.forbidden,
      `Only the chair can ${command.type} ${command.type === 'adopt' ? 'the draft' : 'a clause'}.`,
    );
  }
}

async function decide(
  context: CommandContext,
  room: Room,
  draft: DraftRecord,
  sender: CommandSender,
  command: Command,
): Promise<AuditEntry> {
  if (room.locks.adopted) {
    throw new HttpError(409, ErrorCode.adopted, 'The draft is adopted: its text and positions can no longer change.');
  }
  const decisions = await context.storage.loadDecisions(draft.id);
  const at = context.now().toISOString();
  const actor: Actor = { session: sender.sessionIdHash.slice(0, 12), role: sender.role, delegation: sender.delegation };

  if (command.type === 'adopt') return adopt(context, room, draft, actor, command, at, decisions);

  if (!clauseOrder(room).includes(command.clauseId)) {
    throw new HttpError(404, ErrorCode.notFound, 'This clause is not in the draft (it may have been deleted). Reload.');
  }
  const clause = clauseSnapshot(room, command.clauseId, decisions);
  let effect: DecisionEffect;
  let textHash: string | null = clause.textHash;
  const details: Record<string, unknown> = {};

  switch (command.type) {
    case 'position': {
      if (clause.frozen) throw frozenError();
      requireSameText(clause, command.textHash);
      const delegation = sender.delegation ?? '';
      details.stance = command.stance;
      if (command.stance === 'withdrawn') {
        effect = { kind: 'withdraw-position', clauseId: clause.id, delegation };
      } else {
        const reason = command.stance === 'reserved' ? (command.reason ?? '') : null;
        if (reason !== null) details.reason = reason;
        effect = {
          kind: 'set-position',
          position: { clauseId: clause.id, delegation, stance: command.stance, reason, textHash: clause.textHash, at },
          text: clause.text,
        };
      }
      break;
    }
    case 'freeze':
      if (clause.frozen) throw frozenError();
      requireSameText(clause, command.textHash);
      if (clause.text === '') {
        throw new HttpError(409, ErrorCode.emptyClause, 'An empty clause cannot be frozen. Delete it or give it text.');
      }
      effect = {
        kind: 'freeze',
        frozen: { clauseId: clause.id, textHash: clause.textHash, frozenBy: actor.session, at },
        text: clause.text,
      };
      break;
    case 'reopen':
      if (!clause.frozen) throw new HttpError(409, ErrorCode.notFrozen, 'This clause is not frozen.');
      details.reason = command.reason;
      effect = { kind: 'reopen', clauseId: clause.id };
      textHash = clause.textHash;
      break;
  }
  const entry = await context.storage.recordDecision(draft.id, effect, {
    at,
    actor,
    command: command.type,
    clauseId: clause.id,
    textHash,
    details,
  });
  if (effect.kind === 'freeze') room.locks.frozen.add(clause.id);
  if (effect.kind === 'reopen') room.locks.frozen.delete(clause.id);
  return entry;
}

function frozenError(): HttpError {
  return new HttpError(
    409,
    ErrorCode.frozen,
    'This clause is frozen: its text and positions are locked until the chair re-opens it.',
  );
}

function requireSameText(clause: ClauseSnapshot, seenHash: string): void {
  if (seenHash !== clause.textHash) {
    throw new HttpError(
      409,
      ErrorCode.textChanged,
      'The text of this clause changed since you read it. Read the current text, then try again.',
      { currentTextHash: clause.textHash, currentText: clause.text },
    );
  }
}

/** The adoption record: everything needed to show, later and for ever, what was adopted. */
export interface AdoptionRecord {
  draftId: string;
  title: string;
  kind: string;
  consensus: DraftRecord['consensus'];
  /** Every delegation whose position was required. */
  delegations: string[];
  place: string;
  date: string;
  adoptedAt: string;
  adoptedBy: Actor;
  clauses: Array<{
    id: string;
    kind: string;
    label: string;
    text: string;
    textHash: string;
    frozen: { at: string; by: string } | null;
    /** Each taken on `textHash`: the record itself shows that every position is current. */
    positions: Array<{ delegation: string; stance: string; reason: string | null; textHash: string; at: string }>;
  }>;
  footnotes: string[];
  /** SHA-256 of {@link canonicalAdoptedText}. */
  textHash: string;
}

/** The adopted text in one canonical form: the title, then each clause, blank-line separated. */
export function canonicalAdoptedText(title: string, clauseTexts: readonly string[]): string {
  return [title, ...clauseTexts].join('\n\n');
}

async function adopt(
  context: CommandContext,
  room: Room,
  draft: DraftRecord,
  actor: Actor,
  command: Extract<Command, { type: 'adopt' }>,
  at: string,
  decisions: Awaited<ReturnType<Storage['loadDecisions']>>,
): Promise<AuditEntry> {
  const clauses = allClauseSnapshots(room, decisions);
  const readiness = adoptionReadiness({
    clauses,
    delegations: draft.delegations,
    consensus: draft.consensus,
    adopted: false,
  });
  if (!readiness.ready) {
    const messages = readiness.blockers.map(describeBlocker);
    throw new HttpError(409, ErrorCode.adoptionBlocked, `The draft cannot be adopted yet: ${messages.join(' ')}`, {
      blockers: readiness.blockers.map((blocker, i) => ({ ...blocker, message: messages[i] })),
    });
  }
  const labels = paragraphLabels(clauses.map((c) => c.kind));
  const textHash = hashClauseText(
    canonicalAdoptedText(
      draft.title,
      clauses.map((c) => c.text),
    ),
  );
  const record: AdoptionRecord = {
    draftId: draft.id,
    title: draft.title,
    kind: draft.kind,
    consensus: draft.consensus,
    delegations: draft.delegations,
    place: command.place,
    date: command.date,
    adoptedAt: at,
    adoptedBy: actor,
    clauses: clauses.map((c, i) => ({
      id: c.id,
      kind: c.kind,
      label: labels[i] ?? '',
      text: c.text,
      textHash: c.textHash,
      frozen: frozenOf(decisions, c.id),
      positions: decisions.positions
        .filter((p) => p.clauseId === c.id)
        .map((p) => ({ delegation: p.delegation, stance: p.stance, reason: p.reason, textHash: p.textHash, at: p.at })),
    })),
    footnotes: readiness.footnotes,
    textHash,
  };
  const entry = await context.storage.recordDecision(
    draft.id,
    { kind: 'adopt', adoption: { record: JSON.stringify(record), textHash, at } },
    { at, actor, command: 'adopt', clauseId: null, textHash, details: { place: command.place, date: command.date } },
  );
  room.locks.adopted = true;
  return entry;
}

function frozenOf(decisions: Awaited<ReturnType<Storage['loadDecisions']>>, clauseId: string) {
  const frozen = decisions.frozen.find((f) => f.clauseId === clauseId);
  return frozen === undefined ? null : { at: frozen.at, by: frozen.frozenBy };
}
