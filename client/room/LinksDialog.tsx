import { useEffect, useRef, useState } from 'react';
import { delegationName } from '../../shared/delegation-names.ts';
import type { DraftSummary, ReplaceLinkRequest } from '../../shared/schemas/draft.ts';
import { replaceLink } from '../api/drafts.ts';
import { ApiError } from '../api/fetch-json.ts';
import { copyText, downloadText, linksText, type NamedLink } from '../ui/links-file.ts';
import { useFocusReturn } from '../ui/use-focus-return.ts';

interface Holder {
  key: string;
  who: string;
  request: ReplaceLinkRequest;
}

/** Everyone the chair hands a link to, in the order of the draft's list. */
function holders(draft: DraftSummary): Holder[] {
  return [
    ...draft.delegations.map((code) => ({
      key: code,
      who: delegationName(code) === code ? code : `${delegationName(code)} (${code})`,
      request: { role: 'delegation' as const, delegation: code },
    })),
    { key: 'secretariat', who: 'Secretariat', request: { role: 'secretariat' as const } },
    { key: 'observer', who: 'Observers', request: { role: 'observer' as const } },
  ];
}

/**
 * The chair's links. Only their fingerprints are stored, so the room cannot show a link again:
 * what it can do is issue a new one, for a delegate who lost theirs or a link that went astray.
 * The old link stops working and whoever opened it is signed out at once. Links issued here can
 * be copied or downloaded one by one or all at once; "New links for everyone" re-issues the lot.
 */
export function LinksDialog({ draft, onClose }: { draft: DraftSummary; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useFocusReturn();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const all = holders(draft);
  const [issued, setIssued] = useState<ReadonlyMap<string, string>>(new Map());
  const [asking, setAsking] = useState<string | 'everyone' | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const issue = async (targets: Holder[]) => {
    setBusy(true);
    setMessage(null);
    const next = new Map(issued);
    const failed: string[] = [];
    let signedOut = 0;
    for (const holder of targets) {
      try {
        const answer = await replaceLink(draft.id, holder.request);
        next.set(holder.key, answer.link);
        signedOut += answer.revoked;
      } catch (error: unknown) {
        failed.push(`${holder.who} (${error instanceof ApiError ? error.message : 'no connection'})`);
      }
    }
    setIssued(next);
    setBusy(false);
    setAsking(null);
    const done = targets.length - failed.length;
    setMessage(
      failed.length > 0
        ? `No new link for ${failed.join(', ')}. Try again.`
        : `${done === 1 ? 'New link issued' : `${done} new links issued`}; the old ${done === 1 ? 'one no longer works' : 'ones no longer work'}${signedOut > 0 ? ', and whoever had opened it was signed out' : ''}. Copy ${done === 1 ? 'it' : 'them'} now: ${done === 1 ? 'it is' : 'they are'} shown only here.`,
    );
  };

  const issuedLinks: NamedLink[] = all.flatMap((holder) => {
    const link = issued.get(holder.key);
    return link === undefined ? [] : [{ who: holder.who, link }];
  });
  const copy = async (text: string, what: string) => {
    setMessage(
      (await copyText(text))
        ? `${what} copied.`
        : `The browser did not allow copying: select ${what.toLowerCase()} and press Ctrl+C.`,
    );
  };

  return (
    <dialog
      ref={dialog}
      className="reason-dialog links-dialog"
      aria-label="Links"
      onCancel={(event) => {
        event.preventDefault();
        if (asking !== null) setAsking(null);
        else onClose();
      }}
    >
      <h2>Links</h2>
      <p>
        Links are kept only as fingerprints, so the room cannot show them again. For a delegate who lost theirs, or a
        link that reached the wrong person, issue a new one: the old link stops working, and whoever opened it is signed
        out at once.
      </p>
      <table className="links-table">
        <tbody>
          {all.map((holder) => {
            const link = issued.get(holder.key);
            return (
              <tr key={holder.key} data-testid={`link-${holder.key}`}>
                <th scope="row">{holder.who}</th>
                <td>
                  {link !== undefined && (
                    <input
                      readOnly
                      value={link}
                      aria-label={`New link for ${holder.who}`}
                      onFocus={(e) => e.target.select()}
                    />
                  )}
                  {asking === holder.key ? (
                    <span className="link-confirm">
                      Replace the link of {holder.who}? The old one stops working.{' '}
                      <button type="button" aria-disabled={busy} onClick={() => !busy && void issue([holder])}>
                        Replace
                      </button>{' '}
                      <button type="button" onClick={() => setAsking(null)}>
                        Cancel
                      </button>
                    </span>
                  ) : link !== undefined ? (
                    <button type="button" onClick={() => void copy(link, `The link for ${holder.who}`)}>
                      Copy
                    </button>
                  ) : (
                    <button
                      type="button"
                      aria-label={`New link for ${holder.who}…`}
                      aria-disabled={busy}
                      onClick={() => !busy && setAsking(holder.key)}
                    >
                      New link…
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="links-message" role="status" data-testid="links-message">
        {message}
      </p>
      {asking === 'everyone' && (
        <p className="link-confirm">
          Replace all {all.length} links? Every delegate, the secretariat and the observers are signed out until they
          open their new link. Yours stays.{' '}
          <button type="button" aria-disabled={busy} onClick={() => !busy && void issue(all)}>
            Replace all
          </button>{' '}
          <button type="button" onClick={() => setAsking(null)}>
            Cancel
          </button>
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" aria-disabled={busy} onClick={() => !busy && setAsking('everyone')}>
          New links for everyone…
        </button>
        {issuedLinks.length > 0 && (
          <>
            <button type="button" onClick={() => void copy(linksText(draft.title, issuedLinks), 'The new links')}>
              Copy the new links
            </button>
            <button
              type="button"
              onClick={() => downloadText(linksText(draft.title, issuedLinks), `mufakat-${draft.id}-links.txt`)}
            >
              Download the new links
            </button>
          </>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
