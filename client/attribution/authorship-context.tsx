import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { EditAuthor } from '../../shared/schemas/attribution.ts';
import { styleSlots } from './author-styles.ts';
import { getDraftAuthors } from './authorship-api.ts';
import './authorship.css';

/** What every clause's authorship needs: whether it is shown, and who each client id is. */
export interface Authorship {
  shown: boolean;
  setShown: (shown: boolean) => void;
  /** Client id → author, as the server bound them; empty until loaded. */
  authors: ReadonlyMap<number, EditAuthor>;
  /** Each author's mark (`author-styles.ts`), by `authorKey`. */
  slots: ReadonlyMap<string, number>;
  /**
   * Asks the server again (at most every few seconds) when one of `clients` has not been asked
   * about yet: a newcomer's words. An id the server never bound (text from before bindings) is
   * asked about once, not for ever.
   */
  refresh: (clients: readonly number[]) => void;
  error: string | null;
}

const AuthorshipContext = createContext<Authorship | null>(null);

/** Between two loads of the authors, at least this long: a new writer appears seldom. */
const REFRESH_AT_MOST_EVERY_MS = 3000;
const BINDING_STORED_WITHIN_MS = 1000;

/** Holds the room's "Show authorship" state and the draft's authors while it is on. */
export function AuthorshipProvider({ draftId, children }: { draftId: string; children: ReactNode }) {
  const [shown, setShown] = useState(false);
  const [authors, setAuthors] = useState<ReadonlyMap<number, EditAuthor>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [asked, setAsked] = useState(0);
  const lastLoad = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const askedAbout = useRef(new Set<number>());

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads again on each refresh
  useEffect(() => {
    if (!shown) return;
    let current = true;
    lastLoad.current = Date.now();
    getDraftAuthors(draftId).then(
      ({ clients }) => {
        if (!current) return;
        setAuthors(new Map(clients.map(({ client, author }) => [client, author])));
        setError(null);
      },
      (failure: unknown) => {
        if (current) setError(failure instanceof Error ? failure.message : 'Authorship could not be loaded.');
      },
    );
    return () => {
      current = false;
    };
  }, [draftId, shown, asked]);

  const refresh = useCallback((clients: readonly number[]) => {
    const fresh = clients.filter((client) => !askedAbout.current.has(client));
    if (fresh.length === 0) return;
    for (const client of fresh) askedAbout.current.add(client);
    if (timer.current !== null) return;
    // A second at least: the newcomer's first update, which binds its id, is stored meanwhile.
    const wait = Math.max(BINDING_STORED_WITHIN_MS, lastLoad.current + REFRESH_AT_MOST_EVERY_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      setAsked((n) => n + 1);
    }, wait);
  }, []);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  const value = useMemo(
    () => ({ shown, setShown, authors, slots: styleSlots(authors.values()), refresh, error }),
    [shown, authors, refresh, error],
  );
  return <AuthorshipContext.Provider value={value}>{children}</AuthorshipContext.Provider>;
}

/** Outside a provider (a card rendered on its own) authorship is off. */
const OFF: Authorship = {
  shown: false,
  setShown: () => {},
  authors: new Map(),
  slots: new Map(),
  refresh: () => {},
  error: null,
};

export function useAuthorship(): Authorship {
  return useContext(AuthorshipContext) ?? OFF;
}

/** The room's switch: marks every clause's runs with their delegation, and lists them. */
export function AuthorshipToggle() {
  const { shown, setShown, error } = useAuthorship();
  return (
    <div className="authorship-toggle">
      <label>
        <input type="checkbox" checked={shown} onChange={(event) => setShown(event.target.checked)} /> Show authorship
      </label>
      {shown && error !== null && (
        <span role="alert" className="room-notice">
          {' '}
          {error}
        </span>
      )}
    </div>
  );
}
