import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';

/** Who is in the room now: the names (delegation codes or roles) their presence announces. */
export function usePresence(provider: WebsocketProvider | null): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    if (provider === null) return;
    const { awareness } = provider;
    const read = () => {
      const present = new Set<string>();
      for (const state of awareness.getStates().values()) {
        const name: unknown = (state as { name?: unknown }).name;
        if (typeof name === 'string' && name !== '') present.add(name);
      }
      const next = [...present].sort();
      // Cursors move many times a second: re-render the room only when someone comes or goes.
      setNames((previous) => (previous.join(',') === next.join(',') ? previous : next));
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [provider]);
  return names;
}
