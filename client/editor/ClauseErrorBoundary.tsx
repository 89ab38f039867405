import { Component, type ReactNode } from 'react';
import type { ClauseTextCache } from '../../shared/clause-text-cache.ts';
import { useClauseText } from '../consensus/use-clause-text.ts';

export interface ClauseErrorBoundaryProps {
  texts: ClauseTextCache;
  clauseId: string;
  label: string;
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
    return <UnreadableClause texts={this.props.texts} clauseId={this.props.clauseId} label={this.props.label} />;
  }
}

function UnreadableClause({ texts, clauseId, label }: Omit<ClauseErrorBoundaryProps, 'children'>) {
  const { text } = useClauseText(texts, clauseId);
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
