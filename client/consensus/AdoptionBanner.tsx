import { useEffect, useState } from 'react';
import type { AdoptionRecord } from '../../shared/schemas/adoption.ts';
import { getAdoption } from '../api/consensus.ts';

/** Shown to everyone once the draft is adopted: where, when, and the hash of the adopted text. */
export function AdoptionBanner({ draftId }: { draftId: string }) {
  const [adoption, setAdoption] = useState<AdoptionRecord | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    getAdoption(draftId).then(setAdoption, () => setFailed(true));
  }, [draftId]);
  return (
    <section className="adopted-banner" role="status" data-testid="adopted-banner" tabIndex={-1}>
      <strong>Adopted.</strong> The text is final and can no longer change.{' '}
      {adoption !== null && (
        <>
          ADOPTED in {adoption.place} on {formatDate(adoption.date)}.{' '}
          {adoption.underSilence !== undefined && (
            <span data-testid="adopted-under-silence">
              Adopted under silence: circulated on {utcTime(adoption.underSilence.circulatedAt)} with a deadline of{' '}
              {utcTime(adoption.underSilence.deadline)}; no delegation broke silence.{' '}
            </span>
          )}
          Text hash <code title={adoption.textHash}>{adoption.textHash.slice(0, 16)}…</code>
          {adoption.footnotes.length > 0 && (
            <ol className="footnotes">
              {adoption.footnotes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ol>
          )}
        </>
      )}
      {failed && 'The adoption record could not be loaded; reload the page to see it.'}
    </section>
  );
}

/** "2 Dec 2026, 06:15 UTC". */
function utcTime(iso: string): string {
  return `${new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })} UTC`;
}

function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime())
    ? isoDate
    : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
