import { describe, expect, it } from 'vitest';
import { buildDocx } from '../testing/build-docx.ts';
import { docxToText } from './docx-to-text.ts';

describe('docxToText', () => {
  it('gives each paragraph on its own, separated by blank lines', async () => {
    const text = await docxToText(await buildDocx([{ text: 'Title' }, { text: 'RECOGNISING the “role”;' }]));
    expect(text).toBe('Title\n\nRECOGNISING the “role”;\n\n');
  });

  it('writes the numbers that Word keeps in the list style: 1., a., i., counted through the document', async () => {
    const text = await docxToText(
      await buildDocx([
        { text: 'The meeting agreed:', list: { level: 0 } },
        { text: 'to meet;', list: { level: 1 } },
        { text: 'in June;', list: { level: 2 } },
        { text: 'to report.', list: { level: 1 } },
        { text: 'Discussion', style: 'Heading2' },
        { text: 'It closed.', list: { level: 0 } },
        { text: 'A point', list: { level: 0, ordered: false } },
      ]),
    );
    expect(text.split('\n\n').filter((p) => p !== '')).toEqual([
      '1. The meeting agreed:',
      'a. to meet;',
      'i. in June;',
      'b. to report.',
      '## Discussion',
      '2. It closed.',
      '- A point',
    ]);
  });

  it('writes a Title paragraph as a Markdown title', async () => {
    expect(await docxToText(await buildDocx([{ text: 'Chair’s Report', style: 'Title' }]))).toBe(
      '# Chair’s Report\n\n',
    );
  });

  it('gives a table as rows of tab-separated cells', async () => {
    const text = await docxToText(
      await buildDocx([
        {
          table: [
            ['Date', 'Activity'],
            ['1 June 2025', 'Meeting & dinner'],
          ],
        },
      ]),
    );
    expect(text).toBe('Date\tActivity\n1 June 2025\tMeeting & dinner\n\n');
  });

  it('keeps tabs inside a paragraph', async () => {
    expect(await docxToText(await buildDocx([{ text: 'Date\tPlace' }]))).toBe('Date\tPlace\n\n');
  });
});
