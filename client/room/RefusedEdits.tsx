import { CloseMessage } from '../../shared/protocol.ts';
import type { RefusedText } from '../collab/use-draft-doc.ts';

/**
 * Shown after the server refused this person's edit (most often: the chair froze the clause
 * before the edit arrived). The room now shows the agreed text; what they typed is kept here
 * to copy, so that no word is lost.
 */
export function RefusedEdits({
  refused,
  reason = null,
  labelOf,
  onDismiss,
}: {
  refused: RefusedText[];
  /** The server's words for the refusal, when it gave any. */
  reason?: string | null;
  labelOf: (clauseId: string) => string;
  onDismiss: () => void;
}) {
  if (refused.length === 0) return null;
  return (
    <section className="refused-edits" role="alert" aria-label="Refused edits">
      {reason === CloseMessage.clientIdTaken ? (
        <p>
          <strong>Your last changes were not applied.</strong> This browser's writer id was already in use by another
          participant, so the server could not tell your words from theirs. The room reloaded with a new id; your text
          is kept below to copy.
        </p>
      ) : (
        <p>
          <strong>Your last changes were not applied.</strong> They reached the server after the clause was frozen (or
          the server could not accept them). The room now shows the agreed text; your text is kept below to copy.
        </p>
      )}
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
