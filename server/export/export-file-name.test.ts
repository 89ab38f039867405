import { describe, expect, it } from 'vitest';
import { exportFileName } from './export-file-name.ts';

describe('exportFileName', () => {
  it('slugs the title into lower-case ASCII words, apostrophes dropped', () => {
    expect(
      exportFileName('Joint Statement by the ASEAN Defence Ministers’ Meeting Plus (ADMM-PLUS)', 'adopted', 'md'),
    ).toBe('joint-statement-by-the-asean-defence-ministers-meeting-plus-admm-plus-adopted.md');
  });

  it('drops accents and keeps only safe characters, even from a hostile title', () => {
    expect(exportFileName('Déclaration de Hà Nội', 'current', 'html')).toBe('declaration-de-ha-noi-current.html');
    expect(exportFileName('a"; filename="evil.exe\r\nX-Bad: 1', 'current', 'docx')).toBe(
      'a-filename-evil-exe-x-bad-1-current.docx',
    );
  });

  it('falls back to "draft" and caps the length', () => {
    expect(exportFileName('第十二次会议', 'current', 'akn.xml')).toBe('draft-current.akn.xml');
    const long = exportFileName('word '.repeat(60), 'adopted', 'md');
    expect(long.length).toBeLessThanOrEqual(80 + '-adopted.md'.length);
    expect(long).toMatch(/^word(-word)*-adopted\.md$/);
  });
});
