import { useState } from 'react';
import type { CreateDraftResponse } from '../../shared/schemas/draft.ts';
import type { ImportResult } from '../../shared/schemas/import.ts';
import { CreatedDraft } from './CreatedDraft.tsx';
import { ImportReview } from './ImportReview.tsx';
import { ImportSource } from './ImportSource.tsx';

type Step =
  | { step: 'source' }
  | { step: 'review'; result: ImportResult }
  | { step: 'created'; title: string; created: CreateDraftResponse };

/** `/import`: a text in, checked and corrected, then a new draft and its links. */
export function ImportScreen() {
  const [state, setState] = useState<Step>({ step: 'source' });
  return (
    <main className="import-screen">
      <h1>Start a draft from a text</h1>
      {state.step === 'source' && <ImportSource onRead={(result) => setState({ step: 'review', result })} />}
      {state.step === 'review' && (
        <ImportReview
          result={state.result}
          onStartOver={() => setState({ step: 'source' })}
          onCreated={(title, created) => setState({ step: 'created', title, created })}
        />
      )}
      {state.step === 'created' && <CreatedDraft title={state.title} created={state.created} />}
    </main>
  );
}
