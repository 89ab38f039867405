import { DraftRoom } from './room/DraftRoom.tsx';
import { lazyPart } from './ui/lazy-part.tsx';

/** A chair's page, once a meeting: fetched apart from the room's script, which every delegate loads. */
const ImportScreen = lazyPart(
  'the import screen',
  async () => (await import('./import/ImportScreen.tsx')).ImportScreen,
  <main className="notice">
    <p className="loading">Loading…</p>
  </main>,
);

/**
 * Routes by address: `/drafts/:id` is a draft's room, `/import` starts a draft from a text;
 * anything else explains how to get in.
 */
export function App() {
  if (/^\/import\/?$/.test(window.location.pathname)) return <ImportScreen />;
  const match = /^\/drafts\/([A-Za-z0-9_-]{8,32})\/?$/.exec(window.location.pathname);
  const draftId = match?.[1];
  if (draftId === undefined) {
    return (
      <main className="notice">
        <h1>Mufakat</h1>
        <p>Open the link your chair or secretariat sent you to join a draft.</p>
        <p>
          Chairing a meeting? <a href="/import">Start a draft from a text</a> you already have.
        </p>
      </main>
    );
  }
  return <DraftRoom draftId={draftId} />;
}
