import { CleanTextDownload } from '../brackets/CleanTextDownload.tsx';
import { DisclosureMenu } from '../ui/DisclosureMenu.tsx';

const FORMATS = [
  { format: 'html', name: 'Page to print or save as PDF (.html)' },
  { format: 'docx', name: 'Word document (.docx)' },
  { format: 'md', name: 'Markdown (.md)' },
  { format: 'akn', name: 'Akoma Ntoso XML (.akn.xml)' },
] as const;

/** The exports with the comments this person sees as an annex: their private notes in their own only. */
const WITH_COMMENTS = [
  { comments: 'all', format: 'html', name: 'With all comments as an annex: web page (.html)' },
  { comments: 'all', format: 'docx', name: 'With all comments as an annex: Word (.docx)' },
  { comments: 'unresolved', format: 'html', name: 'With the open comments as an annex: web page (.html)' },
  { comments: 'unresolved', format: 'docx', name: 'With the open comments as an annex: Word (.docx)' },
] as const;

/**
 * Downloads of the text as it stands (marked "DRAFT — not adopted") or, once adopted, of the
 * adopted text with its hash. The server names the files.
 */
export function ExportMenu({ draftId, adopted }: { draftId: string; adopted: boolean }) {
  const version = adopted ? 'adopted' : 'current';
  return (
    <DisclosureMenu text="Download…" className="export-menu">
      {(close) => (
        <>
          {FORMATS.map(({ format, name }) => (
            <a
              key={format}
              href={`/api/drafts/${encodeURIComponent(draftId)}/export?format=${format}&version=${version}`}
              download
              onClick={close}
            >
              {adopted ? 'Adopted text: ' : 'Draft: '}
              {name}
            </a>
          ))}
          {!adopted && <CleanTextDownload draftId={draftId} onDone={close} />}
          {WITH_COMMENTS.map(({ comments, format, name }) => (
            <a
              key={`${comments}-${format}`}
              href={`/api/drafts/${encodeURIComponent(draftId)}/export?format=${format}&version=${version}&comments=${comments}`}
              download
              onClick={close}
            >
              {name}
            </a>
          ))}
        </>
      )}
    </DisclosureMenu>
  );
}
