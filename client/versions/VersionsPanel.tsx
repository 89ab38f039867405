import { type FormEvent, useEffect, useId, useState } from 'react';
import './versions.css';
import type { ClauseComparison, Comparison, VersionSummary } from '../../shared/schemas/versions.ts';
import { ApiError } from '../api/fetch-json.ts';
import { decisionTime } from '../ui/decision-time.ts';
import { CompareText } from './CompareText.tsx';
import { compareUrl, fetchComparison, fetchVersions, nameVersion, restoreVersionText } from './versions-api.ts';

export interface VersionsPanelProps {
  draftId: string;
  chair: boolean;
  /** Whether this person may change the text (not an observer): restoring a clause is offered. */
  mayEdit: boolean;
  /** The draft's decision count: the list is read again after each decision (a freeze records a version). */
  seq: number;
  /** A compare to open at once: this version with now (a stale position's link); `id` tells two asks apart. */
  openRequest?: { from: number; id: number } | null;
}

const KIND: Record<VersionSummary['kind'], string> = {
  named: 'named by the chair',
  freeze: 'recorded at a freeze',
  reopen: 'recorded at a re-opening',
  silence: 'recorded when circulated under silence',
  adoption: 'recorded at adoption',
};

type Target = number | 'current';

/**
 * The draft's versions: the list, the chair's "Name this version…", and a compare of any two or
 * of one with now, shown as a presidency compromise text (new words bold, deleted struck through).
 */
export function VersionsPanel({ draftId, chair, mayEdit, seq, openRequest = null }: VersionsPanelProps) {
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [naming, setNaming] = useState(false);
  const [label, setLabel] = useState('');
  const [status, setStatus] = useState('');
  const [from, setFrom] = useState<number | null>(openRequest?.from ?? null);
  const [to, setTo] = useState<Target>('current');
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const ids = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: read again after every decision
  useEffect(() => {
    let live = true;
    fetchVersions(draftId).then(
      (list) => live && setVersions(list.versions),
      () => live && setError('The versions could not be loaded. Reload the page.'),
    );
    return () => {
      live = false;
    };
  }, [draftId, seq]);

  const compare = (fromN: number, target: Target) => {
    setFrom(fromN);
    setTo(target);
    setComparison(null);
    fetchComparison(draftId, fromN, target).then(
      (result) => {
        setComparison(result);
        setStatus(
          `Showing what changed from version ${fromN} to ${target === 'current' ? 'now' : `version ${target}`}.`,
        );
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : 'The compare could not be loaded. Try again.'),
    );
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: opens the compare a link asked for, once
  useEffect(() => {
    if (openRequest !== null) compare(openRequest.from, 'current');
  }, [openRequest]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = label.trim();
    if (name === '' || name.length > 100) {
      setError('A version name is 1 to 100 characters.');
      return;
    }
    nameVersion(draftId, name).then(
      () => {
        setNaming(false);
        setLabel('');
        setError(null);
        setStatus(`Version "${name}" named.`);
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : 'The version could not be named. Try again.'),
    );
  };

  return (
    <section className="versions-panel" aria-labelledby={`${ids}-title`} data-testid="versions-panel">
      <h2 id={`${ids}-title`}>Versions</h2>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {error !== null && (
        <p role="alert" className="room-notice">
          {error}
        </p>
      )}
      {chair &&
        (naming ? (
          <form onSubmit={submit} className="name-version">
            <label htmlFor={`${ids}-label`}>Name of this version (e.g. Rev.1, Chair's text)</label>
            <input
              id={`${ids}-label`}
              value={label}
              maxLength={100}
              onChange={(e) => setLabel(e.target.value)}
              // biome-ignore lint/a11y/noAutofocus: the chair just asked to name it
              autoFocus
            />
            <button type="submit">Name version</button>
            <button type="button" onClick={() => setNaming(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <button type="button" onClick={() => setNaming(true)}>
            Name this version…
          </button>
        ))}
      {versions === null ? (
        <p>Loading the versions…</p>
      ) : versions.length === 0 ? (
        <p>
          No versions yet. A version is recorded when the chair names one, and at each freeze, re-opening, circulation
          under silence and adoption.
        </p>
      ) : (
        <>
          <ol className="versions-list" aria-label="Versions, oldest first">
            {versions.map((v) => (
              <li key={v.n} data-testid="version">
                <span className="version-label">
                  {v.n}. {v.label}
                </span>{' '}
                <span className="version-meta">
                  ({KIND[v.kind]}, {decisionTime(v.at)})
                </span>{' '}
                <button type="button" onClick={() => compare(v.n, 'current')}>
                  Compare with now
                </button>
              </li>
            ))}
          </ol>
          <form
            className="compare-two"
            onSubmit={(e) => {
              e.preventDefault();
              if (from !== null) compare(from, to);
            }}
          >
            <label htmlFor={`${ids}-from`}>Compare version</label>
            <select
              id={`${ids}-from`}
              value={from ?? ''}
              onChange={(e) => setFrom(e.target.value === '' ? null : Number(e.target.value))}
            >
              <option value="">Choose…</option>
              {versions.map((v) => (
                <option key={v.n} value={v.n}>
                  {v.n}. {v.label}
                </option>
              ))}
            </select>
            <label htmlFor={`${ids}-to`}>with</label>
            <select
              id={`${ids}-to`}
              value={String(to)}
              onChange={(e) => setTo(e.target.value === 'current' ? 'current' : Number(e.target.value))}
            >
              <option value="current">the text now</option>
              {versions.map((v) => (
                <option key={v.n} value={v.n}>
                  {v.n}. {v.label}
                </option>
              ))}
            </select>
            <button type="submit" disabled={from === null}>
              Compare
            </button>
          </form>
        </>
      )}
      {comparison !== null && from !== null && (
        <>
          <h3>
            Changes from {comparison.from.n}. {comparison.from.label} to{' '}
            {comparison.to === null ? 'the text now' : `${comparison.to.n}. ${comparison.to.label}`}
          </h3>
          <p className="compare-exports">
            Download this compare: <a href={compareUrl(draftId, from, to, 'docx')}>Word (DOCX)</a>{' '}
            <a href={compareUrl(draftId, from, to, 'html')}>Web page (HTML)</a>
          </p>
          <CompareText
            comparison={comparison}
            {...(mayEdit
              ? {
                  onRestore: (clause: ClauseComparison) => {
                    if (clause.textHash === null) return;
                    restoreVersionText(draftId, clause.clauseId, comparison.from.n, clause.textHash).then(
                      () => {
                        setStatus(`${clause.label} restored to the words of version ${comparison.from.n}.`);
                        compare(comparison.from.n, 'current');
                      },
                      (e: unknown) =>
                        setError(e instanceof ApiError ? e.message : 'The clause could not be restored. Try again.'),
                    );
                  },
                }
              : {})}
          />
        </>
      )}
    </section>
  );
}
