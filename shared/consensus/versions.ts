import type { VersionClause, VersionKind } from '../schemas/versions.ts';
import type { ClauseDecisionFacts, DecisionEffect } from './decide.ts';

/**
 * The version a stored effect records, with its kind and label, or null for an effect that
 * records none. `labelOf` names a clause by id ("paragraph 3").
 */
export function versionOfEffect(
  effect: DecisionEffect,
  labelOf: (clauseId: string) => string,
): { kind: VersionKind; label: string } | null {
  switch (effect.type) {
    case 'name-version':
      return { kind: 'named', label: effect.label };
    case 'freeze':
    case 'freeze-alternative':
      return { kind: 'freeze', label: `Frozen: ${labelOf(effect.clauseId)}` };
    case 'reopen':
      return { kind: 'reopen', label: `Re-opened: ${labelOf(effect.clauseId)}` };
    case 'circulate-silence':
      return { kind: 'silence', label: 'Circulated under silence' };
    case 'adopt':
      return { kind: 'adoption', label: 'Adopted' };
    case 'conclude-silence':
      if (effect.adoption !== null) return { kind: 'adoption', label: 'Adopted under silence' };
      return {
        kind: 'freeze',
        label: `Agreed under silence: ${effect.freezes.map((f) => labelOf(f.clauseId)).join(', ')}`.slice(0, 100),
      };
    default:
      return null;
  }
}

/** Every clause as a version holds it, in reading order. */
export function versionClausesOf(clauses: readonly ClauseDecisionFacts[]): VersionClause[] {
  return clauses.map((c) => ({
    id: c.id,
    kind: c.kind,
    label: c.label,
    text: c.text,
    runs: c.runs === undefined ? (c.text === '' ? [] : [{ text: c.text, format: '' }]) : [...c.runs],
    textHash: c.textHash,
  }));
}
