import { z } from 'zod';
import { Role } from '../roles.ts';

/** Size caps enforced on every draft; the server refuses anything larger with a 400. */
export const DraftLimits = {
  titleMaxLength: 300,
  maxDelegations: 200,
  maxClauses: 1000,
  clauseTextMaxLength: 20_000,
} as const;

/**
 * What a draft is: a joint statement or declaration, a UN-style resolution (preambular and
 * operative paragraphs under the body's name, "PP 3" and "OP 2" in the room), or a chair's
 * report (headings and numbered paragraphs).
 */
export const DraftKind = z.enum(['joint-statement', 'resolution', 'chairs-report']);
export type DraftKind = z.infer<typeof DraftKind>;

/**
 * What a clause is in the document: the pieces of a joint statement (chapeau, preamble clauses,
 * lead-in, operative clauses, closing) or of a chair's report (headings and paragraphs).
 */
export const ClauseKind = z.enum(['chapeau', 'preamble', 'lead-in', 'operative', 'closing', 'heading', 'paragraph']);
export type ClauseKind = z.infer<typeof ClauseKind>;

/** A delegation code: ISO 3166-1 alpha-3, e.g. `MYS`, `TLS`, `USA`. */
export const DelegationCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'A delegation is an ISO 3166-1 alpha-3 code such as MYS or USA.');
export type DelegationCode = z.infer<typeof DelegationCode>;

export const ConsensusRule = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('unanimous') }),
  z.object({ rule: z.literal('minus-x'), x: z.number().int().min(1).max(DraftLimits.maxDelegations) }),
]);
export type ConsensusRule = z.infer<typeof ConsensusRule>;

export const DraftId = z.string().regex(/^[A-Za-z0-9_-]{8,32}$/, 'Not a draft id.');
export type DraftId = z.infer<typeof DraftId>;

export const ClauseId = z.string().regex(/^[A-Za-z0-9_-]{4,32}$/, 'Not a clause id.');
export type ClauseId = z.infer<typeof ClauseId>;

export const NewClause = z.object({
  kind: ClauseKind,
  text: z.string().max(DraftLimits.clauseTextMaxLength),
});
export type NewClause = z.infer<typeof NewClause>;

export const CreateDraftRequest = z.object({
  title: z.string().trim().min(1).max(DraftLimits.titleMaxLength),
  kind: DraftKind,
  delegations: z
    .array(DelegationCode)
    .min(1)
    .max(DraftLimits.maxDelegations)
    .refine((codes) => new Set(codes).size === codes.length, 'Each delegation may appear only once.'),
  consensus: ConsensusRule.default({ rule: 'unanimous' }),
  clauses: z.array(NewClause).max(DraftLimits.maxClauses).default([]),
});
export type CreateDraftRequest = z.input<typeof CreateDraftRequest>;
export type CreateDraftInput = z.output<typeof CreateDraftRequest>;

export const DraftLinks = z.object({
  chair: z.string(),
  secretariat: z.string(),
  observer: z.string(),
  delegations: z.record(z.string(), z.string()),
});
export type DraftLinks = z.infer<typeof DraftLinks>;

export const CreateDraftResponse = z.object({
  id: DraftId,
  links: DraftLinks,
});
export type CreateDraftResponse = z.infer<typeof CreateDraftResponse>;

/** What a participant's session says about them. */
export const SessionInfo = z.object({
  draftId: DraftId,
  role: Role,
  delegation: z.string().nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/**
 * `POST /api/drafts/:id/links`: the chair replaces the link of a role, or of one delegation; the
 * old one stops opening the draft and its sessions end at once.
 */
export const ReplaceLinkRequest = z.discriminatedUnion('role', [
  z.object({ role: z.literal('delegation'), delegation: DelegationCode }),
  z.object({ role: z.enum(['secretariat', 'observer']) }),
]);
export type ReplaceLinkRequest = z.infer<typeof ReplaceLinkRequest>;

/** The answer: the new link, shown once. */
export const ReplacedLink = z.object({ link: z.string(), revoked: z.number().int() });
export type ReplacedLink = z.infer<typeof ReplacedLink>;

export const SessionRequest = z.object({
  token: z.string().min(16).max(128),
});
export type SessionRequest = z.infer<typeof SessionRequest>;

/** `GET /api/drafts/:id`: the draft as its participants see it before any text. */
export const DraftSummary = z.object({
  id: DraftId,
  title: z.string(),
  kind: DraftKind,
  delegations: z.array(z.string()),
  consensus: ConsensusRule,
  createdAt: z.string(),
  you: SessionInfo,
});
export type DraftSummary = z.infer<typeof DraftSummary>;
