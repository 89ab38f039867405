/** One participant's link, as the chair hands it on. */
export interface NamedLink {
  /** "Malaysia (MYS)", "Secretariat", "Observers". */
  who: string;
  link: string;
}

/**
 * The links as one text to paste into a message or save as a file: a line per participant,
 * "Malaysia (MYS): https://…", under the draft's title and a reminder that each link is personal.
 */
export function linksText(title: string, links: readonly NamedLink[]): string {
  return [
    `${title}: links to the Mufakat room`,
    'Each link is personal: send each delegation its own, and keep them from anyone else.',
    '',
    ...links.map(({ who, link }) => `${who}: ${link}`),
    '',
  ].join('\n');
}

/** Saves `text` as a file the browser downloads. */
export function downloadText(text: string, fileName: string, type = 'text/plain;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // After the click has started the download, not before.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Copies `text` to the clipboard; false when the browser refuses (no permission, not a secure
 * page), so that the caller can offer the text to copy by hand instead.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
