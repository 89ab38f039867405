import { useState } from 'react';
import { ErrorBody } from '../../shared/errors.ts';

/**
 * "Clean text" in the Download menu: the Word document without brackets, which the server gives
 * only while no bracket is open. A refusal is shown, naming the bracketed clauses, instead of
 * being saved as a file.
 */
export function CleanTextDownload({ draftId, onDone }: { draftId: string; onDone: () => void }) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const download = async () => {
    setRefusal(null);
    const url = `/api/drafts/${encodeURIComponent(draftId)}/export?format=docx&version=current&clean=true`;
    let response: Response;
    try {
      response = await fetch(url, { credentials: 'same-origin' });
    } catch (error: unknown) {
      setRefusal(error instanceof Error ? 'The server cannot be reached. Check your connection and try again.' : '');
      return;
    }
    if (!response.ok) {
      const body = ErrorBody.safeParse(await response.json().catch(() => null));
      setRefusal(body.success ? body.data.error.message : `The server answered ${response.status}. Try again.`);
      return;
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'clean-text.docx';
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = name.replace(/\.docx$/, '-clean.docx');
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    onDone();
  };
  return (
    <>
      <button type="button" onClick={() => void download()}>
        Clean text, without brackets (.docx)
      </button>
      {refusal !== null && (
        <p className="error" role="alert" data-testid="clean-text-refused">
          {refusal}
        </p>
      )}
    </>
  );
}
