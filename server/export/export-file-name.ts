import type { ExportVersion } from './export-model.ts';

/** Long enough to tell statements apart, short enough for every file system. */
const MAX_SLUG_LENGTH = 80;

/**
 * `<slug-of-title>-<version>.<extension>`: the title in lower-case ASCII words joined by hyphens
 * (accents dropped, apostrophes removed, anything else a separator), "draft" if nothing is left.
 * Only `[a-z0-9.-]` ever reaches the Content-Disposition header.
 */
export function exportFileName(title: string, version: ExportVersion, extension: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
  return `${slug === '' ? 'draft' : slug}-${version}.${extension.replace(/[^a-z0-9.]/g, '')}`;
}
