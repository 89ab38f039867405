import { useEffect, useState } from 'react';

/**
 * For a dialog: remembers what had the focus when it opened and gives the focus back to it when
 * the dialog goes away (confirmed, cancelled or Escape), so that the keyboard goes on from where
 * the person was instead of the top of the page. If that control is gone by then, the focus is
 * left to whoever removed it (a clause's decisions hand it to their next control).
 */
export function useFocusReturn(): void {
  // Read while rendering, before the dialog takes the focus (and only once, whatever re-renders).
  const [opener] = useState(() => document.activeElement);
  useEffect(
    () => () => {
      // After the dialog has left the page: while it is there, the rest of the page is inert.
      queueMicrotask(() => {
        const active = document.activeElement;
        if (!(opener instanceof HTMLElement) || !opener.isConnected) return;
        if (active === null || active === document.body || !active.isConnected) opener.focus({ preventScroll: true });
      });
    },
    [opener],
  );
}
