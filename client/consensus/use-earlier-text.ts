import { useEffect, useState } from 'react';
import { getClauseText } from '../api/consensus.ts';
import { ApiError } from '../api/fetch-json.ts';

export type EarlierText =
  | { status: 'loading' }
  | { status: 'found'; text: string }
  | { status: 'missing'; why: string };

/** Texts are immutable per hash, so one fetch per hash serves every card and every re-render. */
const cache = new Map<string, Promise<string>>();

/**
 * The clause text a position was taken on, from the server's record of it; `null` hash means
 * nothing to fetch (the position is current).
 */
export function useEarlierText(draftId: string, textHash: string | null): EarlierText | null {
  const [result, setResult] = useState<EarlierText | null>(null);
  useEffect(() => {
    if (textHash === null) {
      setResult(null);
      return;
    }
    const key = `${draftId}:${textHash}`;
    let request = cache.get(key);
    if (request === undefined) {
      request = getClauseText(draftId, textHash).then((record) => record.text);
      // A failed fetch is not cached: the next render after a reconnect tries again.
      request.catch(() => cache.delete(key));
      cache.set(key, request);
    }
    let current = true;
    setResult({ status: 'loading' });
    request.then(
      (text) => current && setResult({ status: 'found', text }),
      (error: unknown) =>
        current &&
        setResult({
          status: 'missing',
          why:
            error instanceof ApiError && error.status === 404
              ? 'The earlier text is not on record (the position predates this version of Mufakat).'
              : 'The earlier text could not be loaded; it will be shown when the connection is back.',
        }),
    );
    return () => {
      current = false;
    };
  }, [draftId, textHash]);
  return result;
}
