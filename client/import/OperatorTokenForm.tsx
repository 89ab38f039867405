import { useState } from 'react';

export interface OperatorTokenFormProps {
  /** Why it is asked again (the server refused the last one), or null the first time. */
  refusal: string | null;
  onToken: (token: string) => void;
}

/** Asks once per browser session for the operator token that starting a draft needs. */
export function OperatorTokenForm({ refusal, onToken }: OperatorTokenFormProps) {
  const [token, setToken] = useState('');
  return (
    <form
      className="operator-token"
      aria-label="Starting a draft needs the operator token"
      onSubmit={(event) => {
        event.preventDefault();
        if (token.trim().length >= 16) onToken(token.trim());
      }}
    >
      <p>
        Starting a draft needs the <strong>operator token</strong> of this Mufakat. Whoever runs it has it: it is set in{' '}
        <code>MUFAKAT_OPERATOR_TOKEN</code>, or printed by the server when it starts. This browser keeps it until you
        close it.
      </p>
      {refusal !== null && (
        <p className="refusal" role="alert">
          {refusal}
        </p>
      )}
      <label className="field">
        <span>Operator token</span>
        <input type="password" autoComplete="off" value={token} onChange={(event) => setToken(event.target.value)} />
      </label>
      <button type="submit" disabled={token.trim().length < 16}>
        Use this token
      </button>
    </form>
  );
}
