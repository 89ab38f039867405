import { z } from 'zod';
import { PositionRecord } from './decisions.ts';

/** How many alternatives a clause may carry: open at once, and ever (each has its own root). */
export const AlternativeLimits = { maxOpen: 5, maxEver: 20 } as const;

/** An alternative's number on its clause: "Alt 1", "Alt 2", …, given by the server in order. */
export const AlternativeNumber = z.number().int().min(1).max(AlternativeLimits.maxEver);
export type AlternativeNumber = z.infer<typeof AlternativeNumber>;

/**
 * Where an alternative stands: `open` (co-edited, positions taken on it), `withdrawn` by its
 * sponsors or the chair, `retained` by the chair (its words became the clause's when it froze
 * it), `not-retained` (another was retained). Only an open alternative can change; the others
 * are kept, read-only, as the record of what was offered.
 */
export const AlternativeState = z.enum(['open', 'withdrawn', 'retained', 'not-retained']);
export type AlternativeState = z.infer<typeof AlternativeState>;

/** An alternative formulation of a clause as the server records it, without the positions on it. */
export const AlternativeMark = z.object({
  n: AlternativeNumber,
  /** The delegation that proposed it; it is its first sponsor. */
  proposedBy: z.string(),
  /** Delegations sponsoring it, in the order they joined; never empty while it is open. */
  sponsors: z.array(z.string()),
  state: AlternativeState,
  /** When it was proposed. */
  at: z.string(),
});
export type AlternativeMark = z.infer<typeof AlternativeMark>;

/** An alternative with the delegations' positions on its text, at most one each. */
export const AlternativeRecord = AlternativeMark.extend({ positions: z.array(PositionRecord) });
export type AlternativeRecord = z.infer<typeof AlternativeRecord>;

/** An alternative as `/state` shows it: its current text's hash and each position's staleness. */
export const AlternativeView = AlternativeMark.extend({
  textHash: z.string(),
  endorsedCount: z.number(),
  positions: z.array(PositionRecord.extend({ stale: z.boolean() })),
});
export type AlternativeView = z.infer<typeof AlternativeView>;

/** What an `alternative` event says happened to the alternative. */
export const AlternativeChangeKind = z.enum(['proposed', 'sponsored', 'left', 'withdrawn']);
export type AlternativeChangeKind = z.infer<typeof AlternativeChangeKind>;

/** "Alt 2", as the room and the exports name it. */
export function alternativeLabel(n: number): string {
  return `Alt ${n}`;
}
