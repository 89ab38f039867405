import type { DecisionEffect } from './decide.ts';

/**
 * Which decisions change what the server's update guards refuse: frozen clauses, the adoption
 * (or a Chairman's Statement, which closes the text as one), alternatives' states and the clauses
 * under a running silence. With several instances the store counts these decisions per draft
 * (its locks version), so that an instance whose guards judged a batch of edits by older locks
 * has its append refused under the draft's lock and judges the batch again. A record keyed by
 * every effect type: a new effect does not compile until someone says whether it locks text.
 */
const CHANGES_TEXT_LOCKS: Record<DecisionEffect['type'], boolean> = {
  freeze: true,
  reopen: true,
  adopt: true,
  alternative: true,
  'freeze-alternative': true,
  'circulate-silence': true,
  'break-silence': true,
  'withdraw-silence': true,
  'conclude-silence': true,
  'issue-chair-statement': true,
  // Positions, brackets and versions lock no words; the clause list is guarded by the document.
  'set-position': false,
  'withdraw-position': false,
  'set-alternative-position': false,
  'withdraw-alternative-position': false,
  bracket: false,
  'add-clause': false,
  'move-clause': false,
  'delete-clause': false,
  'restore-clause': false,
  'take-up-clause': false,
  'name-version': false,
  'restore-version-text': false,
};

export function changesTextLocks(effect: DecisionEffect): boolean {
  return CHANGES_TEXT_LOCKS[effect.type];
}
