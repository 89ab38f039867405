import type { CreateDraftResponse } from '../../shared/schemas/draft.ts';

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
