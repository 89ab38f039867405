import type { DecisionEvent } from '../../shared/schemas/events.ts';
import { DraftEvents } from '../draft-events.ts';

/**
 * Accepted commands of each draft, pushed to whoever listens: the events channel of every
 * connected client. With several instances, server/cluster/decision-relay.ts carries each
 * instance's events to the others' listeners.
 */
export class DecisionEvents extends DraftEvents<DecisionEvent> {}
