import type { RefusedText } from '../collab/use-draft-doc.ts';

/**
 * Shown after the server refused this person's edit (most often: the chair froze the clause
 * before the edit arrived). The room now shows the agreed text; what they typed is kept here
 * to copy, so that no word is lost.
 */
export function RefusedEdits({
  refused,
  labelOf,
  onDismiss,
}: {
  refused: RefusedText[];
  labelOf: (clauseId: string) => string;
  onDismiss: () => void;
}) {
  if (refused.length === 0) return null;
  return (
    <section className="refused-edits" role="alert" aria-label="Refused edits">
      <p>
        <strong>Your last changes were not applied.</strong> They reached the server after the clause was frozen (or the
        server could not accept them). The room now shows the agreed text; your text is kept below to copy.
      </p>
      {refused.map(({ clauseId, text }) => (
        <label key={clauseId}>
          Your text of {labelOf(clauseId)}
          <textarea readOnly value={text} rows={Math.min(8, 2 + Math.ceil(text.length / 90))} />
        </label>
      ))}
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </section>
  );
}
