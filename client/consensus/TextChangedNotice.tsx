import { WordDiff } from './WordDiff.tsx';

export interface TextChangedNoticeProps {
  label: string;
  /** The text the person decided on. */
  seen: string;
  /** The text the server holds now. */
  current: string;
  /** What the person was doing, e.g. "Endorse": the retry button says it again. */
  action: string;
  onRetry: () => void;
  onDismiss: () => void;
}

/**
 * A command refused with 409 `text_changed`: somebody edited the clause while this person was
 * deciding. It shows the words that changed and lets them decide again on the current text.
 */
export function TextChangedNotice({ label, seen, current, action, onRetry, onDismiss }: TextChangedNoticeProps) {
  return (
    <div className="refusal text-changed" role="alert" data-testid="text-changed">
      <p>
        {label} changed while you were deciding, so your {action.toLowerCase()} was not recorded. What changed:
      </p>
      <WordDiff before={seen} after={current} />
      <div className="notice-actions">
        <button type="button" onClick={onRetry}>
          {action} the current text
        </button>
        <button type="button" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
