import { useState } from 'react';
import { participantName } from '../../shared/delegation-names.ts';
import type { CreateDraftResponse } from '../../shared/schemas/draft.ts';
import { copyText, downloadText, linksText } from '../ui/links-file.ts';

/**
 * The links of a new draft. They are shown once: only their hashes are stored, so the chair
 * copies them now and sends each delegation its own.
 */
export function CreatedDraft({ title, created }: { title: string; created: CreateDraftResponse }) {
  const rows: Array<[string, string]> = [
    ['Chair (you)', created.links.chair],
    ['Secretariat', created.links.secretariat],
    ['Observers', created.links.observer],
    ...Object.entries(created.links.delegations),
  ];
  const [copied, setCopied] = useState<string | null>(null);
  // All of them at once, each named, to paste into one message or keep as a file.
  const named = rows.map(([who, link]) => ({
    who: created.links.delegations[who] === link ? participantName('delegation', who) : who,
    link,
  }));
  const all = linksText(title, named);
  return (
    <section className="created-draft" aria-label="The new draft">
      <h2>{title} is ready</h2>
      <p>
        Send each delegation its own link, and keep yours. They are shown only now: copy them before you leave this
        page.
      </p>
      <p>
        <a className="primary-link" href={created.links.chair}>
          Open the room as chair
        </a>
      </p>
      <p className="links-actions">
        <button
          type="button"
          onClick={async () =>
            setCopied(
              (await copyText(all)) ? 'All links copied.' : 'The browser refused to copy: download them instead.',
            )
          }
        >
          Copy all links
        </button>{' '}
        <button type="button" onClick={() => downloadText(all, `${fileNameOf(title)}-links.txt`)}>
          Download all links
        </button>{' '}
        <span role="status">{copied}</span>
      </p>
      <table className="links-table">
        <tbody>
          {rows.map(([who, link]) => (
            <tr key={who}>
              <th scope="row">{who}</th>
              <td>
                <input readOnly value={link} aria-label={`Link for ${who}`} onFocus={(e) => e.target.select()} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A title as a file name: letters, digits and hyphens. */
function fileNameOf(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'draft'
  );
}
