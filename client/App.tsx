import { DraftRoom } from './collab/DraftRoom.tsx';

/** Routes by address: `/drafts/:id` is a draft's room; anything else explains how to get in. */
export function App() {
  const match = /^\/drafts\/([A-Za-z0-9_-]{8,32})\/?$/.exec(window.location.pathname);
  const draftId = match?.[1];
  if (draftId === undefined) {
    return (
      <main className="notice">
        <h1>Mufakat</h1>
        <p>Open the link your chair or secretariat sent you to join a draft.</p>
      </main>
    );
  }
  return <DraftRoom draftId={draftId} />;
}
