import { lazyPart } from '../ui/lazy-part.tsx';

/**
 * The parts of the room that its first screen does not show, each fetched apart from the room's
 * own script: the chair's adoption dialog and links dialog, and the matrix view. The room fetches
 * them when the browser is idle after the text is editable (`preloadRoomParts`), so that a click
 * opens them at once, and so that they open with the connection lost later in the meeting too.
 * A click before then shows them as soon as they have arrived.
 */
export const AdoptDialog = lazyPart(
  'the adoption dialog',
  async () => (await import('../consensus/AdoptDialog.tsx')).AdoptDialog,
);

export const LinksDialog = lazyPart('the links dialog', async () => (await import('./LinksDialog.tsx')).LinksDialog);

export const RoomMatrix = lazyPart(
  'the matrix',
  async () => (await import('./RoomMatrix.tsx')).RoomMatrix,
  <p className="loading">Loading the matrix…</p>,
);

/**
 * Fetches the parts above that this person can open (the dialogs are the chair's): `afterMs` after
 * the text is there, so as not to compete with the editors of the first screen becoming
 * editable, when the browser is next idle (at the latest `timeoutMs` after that). Returns a
 * function that cancels it.
 */
export function preloadRoomParts(chair: boolean, afterMs = 1000, timeoutMs = 2000): () => void {
  const parts = chair ? [RoomMatrix, AdoptDialog, LinksDialog] : [RoomMatrix];
  const preload = () => {
    for (const part of parts) {
      // A failure here is not the person's concern yet: the part tries again when it is shown.
      part.preload().catch((failure: unknown) => console.warn('Preloading a part of the room failed.', failure));
    }
  };
  let idle: number | undefined;
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(preload, { timeout: timeoutMs });
    else preload();
  }, afterMs);
  return () => {
    clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}
