const KEY = 'mufakat-operator-token';

/**
 * The operator token this browser was given for starting drafts, kept for the browser session
 * only (closing the browser forgets it), never in a cookie, so that no other page's request
 * carries it.
 */
export function storedOperatorToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    // Storage disabled (a private window in some browsers): it is asked for again each time.
    return null;
  }
}

export function storeOperatorToken(token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, token);
  } catch {
    // As above: nothing to keep it in.
  }
}

/** The header that starts a draft, when a token is stored. */
export function operatorHeaders(): Record<string, string> {
  const token = storedOperatorToken();
  return token === null ? {} : { authorization: `Bearer ${token}` };
}
