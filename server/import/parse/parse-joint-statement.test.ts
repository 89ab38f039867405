import admmPlus from '@fixtures/admm-plus-2025-joint-statement.txt?raw';
import { describe, expect, it } from 'vitest';
import { parseJointStatement } from './parse-joint-statement.ts';
import { readLines } from './read-lines.ts';

const parse = (text: string) => parseJointStatement(readLines(text).lines);
const fixtureLines = admmPlus.split('\n').map((line) => line.trim());

/** Wraps every line at `width` columns, as a PDF viewer's copy does. */
function hardWrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        if (current !== '' && current.length + 1 + word.length > width) {
          out.push(current);
          current = word;
        } else current = current === '' ? word : `${current} ${word}`;
      }
      out.push(current);
      return out.join('\n');
    })
    .join('\n');
}

describe('parseJointStatement on the ADMM-Plus joint statement of 1 November 2025', () => {
  const result = parse(admmPlus);

  it('reads the title and the date line', () => {
    expect(result.title).toBe('Joint Statement by the ASEAN Defence Ministers’ Meeting Plus (ADMM-PLUS)');
    expect(result.date).toBe('2025-11-01');
  });

  it('reads the chapeau with its smart quotes kept', () => {
    expect(result.chapeau).toBe(fixtureLines[3]);
    expect(result.chapeau).toContain('“ADMM-Plus”');
  });

  it('gives the nine preambular clauses exactly as written', () => {
    expect(result.preamble).toEqual(fixtureLines.slice(4, 13));
    expect(result.preamble[0]).toMatch(/^RECOGNISING ASEAN’s leading role/);
    expect(result.preamble[8]).toMatch(/^UNDERSCORING the importance of fostering/);
  });

  it('reads the lead-in', () => {
    expect(result.leadIn).toBe('WE HEREBY COMMIT TO:');
  });

  it('gives the eleven operative clauses exactly as written', () => {
    expect(result.operative).toEqual(fixtureLines.slice(14, 25));
    expect(result.operative[0]).toMatch(/^COMMEND the 15 years/);
    expect(result.operative[10]).toBe(
      'WELCOME the convening of the 13th ADMM-Plus in the Republic of the Philippines in 2026.',
    );
  });

  it('reads the closing with its place and its date written in words', () => {
    expect(result.closing).toEqual({
      text: fixtureLines[25],
      place: 'Kuala Lumpur, Malaysia',
      date: '2025-11-01',
    });
  });

  it('has nothing to warn about', () => {
    expect(result.warnings).toEqual([]);
  });

  it('gives the same clauses from Windows line endings', () => {
    expect(parse(admmPlus.replace(/\n/g, '\r\n'))).toEqual(result);
  });

  it('gives the same clauses when every clause is broken across lines', () => {
    const wrapped = parse(hardWrap(admmPlus, 72));
    expect(wrapped.preamble).toEqual(result.preamble);
    expect(wrapped.operative).toEqual(result.operative);
    expect(wrapped.chapeau).toBe(result.chapeau);
    expect(wrapped.closing).toEqual(result.closing);
    expect(wrapped.title).toBe(result.title);
  });

  it('gives the same clauses from paragraphs separated by blank lines, as a .docx gives them', () => {
    expect(parse(admmPlus.replace(/\n/g, '\n\n'))).toEqual(result);
  });

  it('gives the same clauses from the Markdown an export writes', () => {
    const markdown = [
      `# ${result.title}`,
      '1 November 2025',
      '> DRAFT — not adopted',
      result.chapeau,
      ...result.preamble,
      result.leadIn,
      result.operative.map((text, i) => `${i + 1}. ${text}${i === 2 ? '[^1]' : ''}`).join('\n'),
      result.closing?.text ?? '',
      '[^1]: Myanmar reserves its position on paragraph 3: awaiting instructions from capital.',
    ].join('\n\n');
    expect(parse(markdown)).toEqual(result);
    // The draft banner and the footnote are left out, each with a warning.
    expect(readLines(markdown).warnings).toHaveLength(2);
  });
});

describe('parseJointStatement on hand-made texts', () => {
  it('reads "HEREBY DECLARE:", multi-word participles and "DONE at ... this ..."', () => {
    const result = parse(
      [
        'DECLARATION ON MARITIME COOPERATION',
        'We, the Defence Ministers of the ASEAN Member States;',
        'BEARING IN MIND the Charter;',
        'DEEPLY CONCERNED by the incidents at sea;',
        'HEREBY DECLARE:',
        '1) ENHANCE cooperation at sea;',
        '2) CONTINUE dialogue.',
        'DONE at Jakarta, Indonesia, this 8th day of May 2025.',
      ].join('\n'),
    );
    expect(result).toMatchObject({
      title: 'DECLARATION ON MARITIME COOPERATION',
      chapeau: 'We, the Defence Ministers of the ASEAN Member States;',
      preamble: ['BEARING IN MIND the Charter;', 'DEEPLY CONCERNED by the incidents at sea;'],
      leadIn: 'HEREBY DECLARE:',
      operative: ['ENHANCE cooperation at sea;', 'CONTINUE dialogue.'],
      closing: { place: 'Jakarta, Indonesia', date: '2025-05-08' },
      date: '2025-05-08',
    });
  });

  it('removes operative numbers written without a dot', () => {
    const result = parse(
      'Title\n\nRECOGNISING the work;\n\nWE HEREBY COMMIT TO:\n\n1 COMMEND the work;\n\n2 UPHOLD the law.',
    );
    expect(result.operative).toEqual(['COMMEND the work;', 'UPHOLD the law.']);
  });

  it('starts the operative part at the first capitalised verb when there is no lead-in, with a warning', () => {
    const result = parse('Title\n\nNOTING the work;\n\nRECALLING the past;\n\nCOMMEND the work;\n\nUPHOLD the law.');
    expect(result.preamble).toEqual(['NOTING the work;', 'RECALLING the past;']);
    expect(result.operative).toEqual(['COMMEND the work;', 'UPHOLD the law.']);
    expect(result.leadIn).toBe('');
    expect(result.warnings).toEqual(expect.arrayContaining([expect.stringContaining('No lead-in')]));
  });

  it('keeps a preambular paragraph that opens otherwise, with a warning to check its kind', () => {
    const result = parse(
      'Title\n\nNOTING the work;\n\nThe Ministers also met the partners;\n\nWE HEREBY COMMIT TO:\n\nCOMMEND all.',
    );
    expect(result.preamble).toEqual(['NOTING the work;', 'The Ministers also met the partners;']);
    expect(result.warnings).toEqual(expect.arrayContaining([expect.stringContaining('Preambular clause 2')]));
  });

  it('keeps what follows the closing line inside the closing, with a warning', () => {
    const result = parse(
      'Title\n\nNOTING the work;\n\nHEREBY DECLARE:\n\nCOMMEND all.\n\nADOPTED in Manila on 1 June 2025.\n\nFor Brunei Darussalam',
    );
    expect(result.closing?.text).toBe('ADOPTED in Manila on 1 June 2025.\nFor Brunei Darussalam');
    expect(result.warnings).toEqual(expect.arrayContaining([expect.stringContaining('after the closing line')]));
  });

  it('warns about a missing title, chapeau and closing', () => {
    const result = parse('RECOGNISING the work;\nNOTING the rest;\nWE HEREBY COMMIT TO:\nCOMMEND all.');
    expect(result.title).toBe('');
    expect(result.warnings).toHaveLength(3);
  });
});
