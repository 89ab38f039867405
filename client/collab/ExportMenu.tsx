import { useId, useState } from 'react';

const FORMATS = [
  { format: 'html', name: 'Page to print or save as PDF (.html)' },
  { format: 'docx', name: 'Word document (.docx)' },
  { format: 'md', name: 'Markdown (.md)' },
  { format: 'akn', name: 'Akoma Ntoso XML (.akn.xml)' },
] as const;

/**
 * Downloads of the text as it stands (marked "DRAFT — not adopted") or, once adopted, of the
 * adopted text with its hash. The server names the files.
 */
export function ExportMenu({ draftId, adopted }: { draftId: string; adopted: boolean }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const version = adopted ? 'adopted' : 'current';
  return (
    <fieldset
      className="add-menu export-menu"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setOpen(false);
      }}
    >
      <button type="button" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen((o) => !o)}>
        Download…
      </button>
      {open && (
        <div className="add-menu-items" id={menuId}>
          {FORMATS.map(({ format, name }) => (
            <a
              key={format}
              href={`/api/drafts/${encodeURIComponent(draftId)}/export?format=${format}&version=${version}`}
              download
              onClick={() => setOpen(false)}
            >
              {adopted ? 'Adopted text: ' : 'Draft: '}
              {name}
            </a>
          ))}
        </div>
      )}
    </fieldset>
  );
}
