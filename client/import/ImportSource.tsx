import { useState } from 'react';
import { ImportFileTypes, ImportLimits, type ImportResult } from '../../shared/schemas/import.ts';
import { ApiError } from '../api/fetch-json.ts';
import { importFile, importText } from '../api/imports.ts';

/** Where the text comes from: pasted, or a .txt, .md or .docx file. */
export function ImportSource({
  onRead,
  onUnauthorised,
}: {
  onRead: (result: ImportResult) => void;
  /** The operator token was refused: the screen asks for it again. */
  onUnauthorised: (message: string) => void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const read = async (request: () => Promise<ImportResult>) => {
    setBusy(true);
    setError(null);
    try {
      onRead(await request());
    } catch (e: unknown) {
      if (e instanceof ApiError && e.status === 401) return onUnauthorised(e.message);
      setError(e instanceof ApiError ? e.message : 'The text could not be read. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="import-source" aria-label="The text to import">
      <label className="field">
        <span>Paste the text of a joint statement, declaration, resolution or report</span>
        <textarea
          rows={12}
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="Joint Statement by the … RECOGNISING … WE HEREBY COMMIT TO: … ADOPTED in …"
        />
      </label>
      <div className="import-actions">
        <button type="button" disabled={busy || text.trim() === ''} onClick={() => read(() => importText(text))}>
          Read the pasted text
        </button>
        <label className="file-button">
          Or choose a file ({ImportFileTypes.join(', ')})
          <input
            type="file"
            accept={ImportFileTypes.join(',')}
            disabled={busy}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file === undefined) return;
              if (file.size > ImportLimits.maxBytes) {
                setError(`${file.name} is larger than 2 MB, the most an import reads. Split it and import the parts.`);
                return;
              }
              void read(() => importFile(file));
            }}
          />
        </label>
      </div>
      {busy && <p role="status">Reading the text…</p>}
      {error !== null && (
        <p className="refusal" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
