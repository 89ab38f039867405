import { Component, type ReactNode } from 'react';
import type { ClauseTextCache } from '../../shared/clause-text-cache.ts';
import { useAlternativeText } from '../alternatives/use-alternative-text.ts';
import { useClauseText } from '../consensus/use-clause-text.ts';

export interface ClauseErrorBoundaryProps {
  texts: ClauseTextCache;
  clauseId: string;
  label: string;
  /** The editor is of this alternative of the clause ("Alt 2"), not of the clause's own text. */
  alternative?: number;
  children: ReactNode;
}

/**
 * One clause's editor failing (content it cannot render, a bug) shows that clause as unreadable
 * in the editor, with its words as plain text, and leaves every other clause of the room working.
 */
export class ClauseErrorBoundary extends Component<ClauseErrorBoundaryProps, { failure: Error | null }> {
  override state: { failure: Error | null } = { failure: null };

  static getDerivedStateFromError(failure: Error): { failure: Error } {
    return { failure };
  }

  override componentDidCatch(failure: Error): void {
    console.error(`The editor of ${this.props.label} failed; showing its text instead.`, failure);
  }

  override render(): ReactNode {
    if (this.state.failure === null) return this.props.children;
    const { texts, clauseId, label, alternative } = this.props;
    return alternative === undefined ? (
      <UnreadableClause texts={texts} clauseId={clauseId} label={label} />
    ) : (
      <UnreadableAlternative texts={texts} clauseId={clauseId} label={label} alternative={alternative} />
    );
  }
}

function UnreadableClause({ texts, clauseId, label }: Omit<ClauseErrorBoundaryProps, 'children'>) {
  return <Unreadable label={label} text={useClauseText(texts, clauseId).text} />;
}

function UnreadableAlternative({
  texts,
  clauseId,
  label,
  alternative,
}: Omit<ClauseErrorBoundaryProps, 'children'> & { alternative: number }) {
  return <Unreadable label={label} text={useAlternativeText(texts, clauseId, alternative).text} />;
}

function Unreadable({ label, text }: { label: string; text: string }) {
  return (
    <div className="clause-unreadable" role="alert" data-testid="clause-unreadable">
      <p>
        {label} cannot be shown in the editor: it holds something this version of Mufakat cannot display. Its words are
        below as plain text. Reload the page; if it stays like this, tell the secretariat.
      </p>
      <section className="clause-text" aria-label={`${label} as plain text`}>
        {text.split('\n').map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity of their own
          <p key={i}>{line === '' ? <br /> : line}</p>
        ))}
      </section>
    </div>
  );
}
