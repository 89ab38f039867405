/**
 * Why a command is refused, in the rules' own terms. Each code is also the `error.code` of the
 * HTTP answer; the route gives each its status (403 forbidden, 404 unknown clause, 409 the rest).
 */
export const DecisionErrorCode = {
  /** The actor's role may not send this command. */
  forbidden: 'forbidden',
  /** The clause is not in the draft (it may have been deleted). */
  unknownClause: 'not_found',
  /** The draft is adopted: nothing can change any more. */
  adopted: 'adopted',
  /** The clause is frozen: its text and positions are locked. */
  frozen: 'frozen',
  notFrozen: 'not_frozen',
  /** The clause text changed since the sender read it (its hash differs). */
  textChanged: 'text_changed',
  emptyClause: 'empty_clause',
  /** Adoption is refused: `details.blockers` lists what still blocks it. */
  adoptionBlocked: 'adoption_blocked',
  /** A delegation's proposal cannot be frozen before the chair takes it into the text. */
  proposal: 'proposal',
  /** The clause list changed since the sender saw it (the clause to follow is gone, the move is done). */
  structureChanged: 'structure_changed',
  /** An adoption date before the draft existed, or in the future; a date of confirmation ad referendum already past. */
  invalidDate: 'invalid_date',
  /** The clause has open brackets: it is not clean text, so it cannot be frozen (or exported clean). */
  bracketed: 'bracketed',
  /** A bracket's ends do not lie in the clause, or the words between are not the ones quoted. */
  bracketAnchor: 'bracket_anchor',
  /** The bracket is lifted already, held already, not held, or the clause has too many. */
  bracketState: 'bracket_state',
  unknownBracket: 'bracket_not_found',
  /** The clause has no alternative of this number. */
  unknownAlternative: 'alternative_not_found',
  /** The alternative is withdrawn, retained or not retained: it no longer changes. */
  alternativeClosed: 'alternative_closed',
  /** A limit on alternatives, or a sponsorship that is already so (or the last one). */
  alternativeRefused: 'alternative_refused',
  /** The text is under silence: it is locked until silence ends. */
  silence: 'silence',
  /** The silence has ended (broken, withdrawn, concluded) or its deadline passed. */
  silenceEnded: 'silence_ended',
} as const;
export type DecisionErrorCode = (typeof DecisionErrorCode)[keyof typeof DecisionErrorCode];

/** A refusal: its code, a message a person can act on, and what the client needs to show more. */
export interface DecisionError {
  code: DecisionErrorCode;
  message: string;
  details?: unknown;
}
