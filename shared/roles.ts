import { z } from 'zod';

/**
 * The roles a capability link can grant. The chair is a role of a person, not a delegation:
 * the chair's own delegation takes positions through its own delegation link.
 */
export const Role = z.enum(['chair', 'delegation', 'secretariat', 'observer']);
export type Role = z.infer<typeof Role>;

/** Roles whose sessions may change the text of a draft. Observers only read. */
export const TEXT_EDITING_ROLES: ReadonlySet<Role> = new Set(['chair', 'delegation', 'secretariat']);

/** True if a session with this role may send document updates. */
export function canEditText(role: Role): boolean {
  return TEXT_EDITING_ROLES.has(role);
}
