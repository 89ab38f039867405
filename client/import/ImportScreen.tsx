import { useState } from 'react';
import type { CreateDraftResponse } from '../../shared/schemas/draft.ts';
import type { ImportResult } from '../../shared/schemas/import.ts';
import { storedOperatorToken, storeOperatorToken } from '../api/operator-token.ts';
import { CreatedDraft } from './CreatedDraft.tsx';
import { ImportReview } from './ImportReview.tsx';
import { ImportSource } from './ImportSource.tsx';
import { OperatorTokenForm } from './OperatorTokenForm.tsx';

type Step =
  | { step: 'source' }
  | { step: 'review'; result: ImportResult }
  | { step: 'created'; title: string; created: CreateDraftResponse };

/** `/import`: a text in, checked and corrected, then a new draft and its links. */
export function ImportScreen() {
  const [state, setState] = useState<Step>({ step: 'source' });
  const [token, setToken] = useState(storedOperatorToken);
  const [refusal, setRefusal] = useState<string | null>(null);
  // The server refused the token: it is asked again above, and what was read or corrected stays.
  const onUnauthorised = (message: string) => {
    storeOperatorToken(null);
    setToken(null);
    setRefusal(message);
  };
  return (
    <main className="import-screen">
      <h1>Start a draft from a text</h1>
      {token === null && (
        <OperatorTokenForm
          refusal={refusal}
          onToken={(next) => {
            storeOperatorToken(next);
            setToken(next);
            setRefusal(null);
          }}
        />
      )}
      {state.step === 'source' && (
        <ImportSource onRead={(result) => setState({ step: 'review', result })} onUnauthorised={onUnauthorised} />
      )}
      {state.step === 'review' && (
        <ImportReview
          result={state.result}
          onStartOver={() => setState({ step: 'source' })}
          onCreated={(title, created) => setState({ step: 'created', title, created })}
          onUnauthorised={onUnauthorised}
        />
      )}
      {state.step === 'created' && <CreatedDraft title={state.title} created={state.created} />}
    </main>
  );
}
