import siemReap from '@fixtures/nadi-2024-siem-reap-chairmans-report.txt?raw';
import manila from '@fixtures/nadi-2025-manila-chairmans-report.txt?raw';
import { describe, expect, it } from 'vitest';
import { parseChairsReport } from './parse-chairs-report.ts';
import { readLines } from './read-lines.ts';

const parse = (text: string) => parseChairsReport(readLines(text).lines);
const paragraphsOf = (result: ReturnType<typeof parse>) => result.sections.flatMap((s) => s.paragraphs);
const headingsOf = (result: ReturnType<typeof parse>) => result.sections.map((s) => s.heading);

/** The numbered paragraphs as the fixture numbers them: number → the start of its text. */
function numberedInFixture(text: string): Map<number, string> {
  const found = new Map<number, string>();
  for (const m of text.matchAll(/^(\d{1,3})\. (.*)$/gm)) found.set(Number(m[1]), (m[2] ?? '').replace(/\*\*/g, ''));
  return found;
}

describe.each([
  { name: 'the NADI 2024 Siem Reap report', text: siemReap, count: 55 },
  { name: 'the NADI 2025 Manila report', text: manila, count: 50 },
])('parseChairsReport on $name', ({ text, count }) => {
  const result = parse(text);
  const paragraphs = paragraphsOf(result);
  const numbered = numberedInFixture(text);

  it('gives one clause per numbered paragraph, as many as the highest number', () => {
    expect(Math.max(...numbered.keys())).toBe(count);
    expect(paragraphs).toHaveLength(count);
  });

  it('keeps the numbering continuous: clause N is the paragraph numbered N', () => {
    expect([...numbered.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    paragraphs.forEach((paragraph, i) => {
      expect(paragraph.startsWith((numbered.get(i + 1) ?? '').slice(0, 40)), `paragraph ${i + 1}`).toBe(true);
    });
  });

  it('puts every paragraph under a heading', () => {
    expect(result.sections.every((s) => s.heading !== '' || s.paragraphs.length === 0)).toBe(true);
  });

  it('makes no heading of a speaker line alone', () => {
    for (const heading of headingsOf(result)) expect(heading).not.toMatch(/^Present(?:ation|ed) by/);
  });
});

describe('parseChairsReport on the NADI 2024 Siem Reap report', () => {
  const result = parse(siemReap);
  const paragraphs = paragraphsOf(result);

  it('reads the title written in bold over two lines', () => {
    expect(result.title).toBe(
      "CHAIRMAN'S REPORT OF TRACK II NETWORK OF ASEAN DEFENCE AND SECURITY INSTITUTIONS (NADI) MEETING",
    );
  });

  it('makes the theme, dates and venue the first heading', () => {
    expect(result.sections[0]?.heading).toBe(
      '“The Emerging Security Architecture in Asia-Pacific, Assessment of Implications, and Recommendations for ASEAN”\n18th – 21st September 2024\nSiem Reap, Cambodia',
    );
    expect(result.sections[0]?.paragraphs).toHaveLength(2);
  });

  it('keeps the lettered sub-items of paragraphs 6, 14, 16, 26 and 28 inside them', () => {
    expect(paragraphs[5]?.split('\n').map((line) => line.slice(0, 3))).toEqual(['The', 'a. ', 'b. ', 'c. ']);
    expect(paragraphs[13]?.split('\n')).toHaveLength(3);
    expect(paragraphs[15]?.split('\n').map((line) => line.slice(0, 2))).toEqual(['Ba', 'a.', 'b.', 'c.']);
    expect(paragraphs[25]?.split('\n')).toHaveLength(4);
    expect(paragraphs[27]).toMatch(
      /^Therefore, the following points were recommended:\na\. ASEAN should .*\nb\. ASEAN member/s,
    );
  });

  it('joins a paragraph broken by a page break', () => {
    expect(paragraphs[4]).toContain('supports ASEAN mechanisms in addressing');
    expect(paragraphs[16]).toContain('ASEAN Defence M');
    expect(paragraphs[31]).toContain('Using this model, a proposed Cyber Pandemic');
  });

  it('keeps the table of forthcoming activities inside paragraph 52', () => {
    expect(paragraphs[51]?.split('\n')).toEqual([
      'Forthcoming NADI activities',
      'Date\tActivities\tCountry\tVia',
      expect.stringMatching(/^4 – 7 November 2024\tNADI Meeting on Conflicts/),
      '28 April - 1 May 2025\tAnnual General Meeting\tMalaysia\tPhysical',
      '17 – 20 June 2025\tMeeting\tPhilippines\tPhysical',
      '25 – 28 August 2025\tMeeting\tChiang Mai, Thailand\tPhysical',
      'November 2025\tMeeting\tBrunei Darussalam\tPhysical',
    ]);
  });

  it('keeps a session heading apart from the presenter’s heading under it', () => {
    const session = result.sections.findIndex((s) => s.heading.startsWith('SESSION I:'));
    expect(result.sections[session]?.paragraphs).toEqual([]);
    expect(result.sections[session + 1]?.heading).toMatch(/^Brunei Darussalam\nPresentation by Mr\. Abdul Malik Kamis/);
    expect(result.sections[session + 1]?.paragraphs).toHaveLength(2);
  });

  it('puts paragraphs 42 to 46 under "Discussion"', () => {
    const discussion = result.sections.find((s) => s.heading === 'Discussion');
    expect(discussion?.paragraphs.map((p) => p.slice(0, 20))).toEqual(
      paragraphs.slice(41, 46).map((p) => p.slice(0, 20)),
    );
  });

  it('has nothing to warn about', () => {
    expect(result.warnings).toEqual([]);
  });
});

describe('parseChairsReport on the NADI 2025 Manila report', () => {
  const result = parse(manila);
  const paragraphs = paragraphsOf(result);

  it('takes the full title, and leaves out the cover page above it with a warning', () => {
    expect(result.title).toBe(
      "CHAIRMAN'S REPORT OF THE TRACK II NETWORK OF ASEAN DEFENCE AND SECURITY INSTITUTIONS (NADI) MEETING",
    );
    expect(result.warnings).toEqual([
      "Left out 2 line(s) before the title, a cover page: “Chairman's Report”, “June 2025 Metro Manila, Philippines”.",
    ]);
  });

  it('leaves out the running page headers, with a warning', () => {
    const everything = [...headingsOf(result), ...paragraphs].join('\n').split('\n');
    expect(everything).not.toContain('Track II');
    expect(everything).not.toContain('Network of ASEAN Defence & Security Institutions Meeting');
    expect(readLines(manila).warnings).toEqual([expect.stringContaining('48 lines of running page headers')]);
  });

  it('joins paragraph 13 across the page header that interrupts it', () => {
    expect(paragraphs[12]).toContain(
      'This fragmentation is compounded by the lack of regional supply chain integration',
    );
  });

  it('keeps a talk title that recurs in several headings', () => {
    const withTitle = headingsOf(result).filter((h) => h.includes('\nDefence Industrial Ecosystems and Markets\n'));
    expect(withTitle).toHaveLength(3);
  });

  it('keeps each presenter’s institution, talk, name and post in one heading', () => {
    const heading = result.sections.find((s) =>
      s.paragraphs[0]?.startsWith('The ASEAN region is increasingly'),
    )?.heading;
    expect(heading).toBe(
      'Republic of Indonesia Defense University (RIDU), Republic of Indonesia\nNavigating Goeconomic Competition: The Risks and Resilience of the ASEAN Defense Industry\nPresented by Brigadier General Elphis Rudy\nVice Dean of Defense Strategy Faculty, RIDU',
    );
  });

  it('reads both "Closing Remarks" headings with the speakers under them', () => {
    const closing = result.sections.filter((s) => s.heading === 'Closing Remarks');
    expect(closing).toHaveLength(2);
    expect(result.sections.at(-1)?.paragraphs.map((p) => p.slice(0, 30))).toEqual([
      'Lieutenant General Cartujano s',
      'In addition, Lt Gen Cartujano ',
    ]);
  });
});

describe('parseChairsReport on hand-made texts', () => {
  it('reads paragraphs numbered without a dot, and "1)"', () => {
    const result = parse(
      'Report of the Meeting\n\n1 The meeting opened.\n2 It closed.\n\nOther Matters\n\n3) Nothing else.',
    );
    expect(paragraphsOf(result)).toEqual(['The meeting opened.', 'It closed.', 'Nothing else.']);
    expect(headingsOf(result)).toEqual(['', 'Other Matters']);
    expect(result.warnings).toEqual([]);
  });

  it('keeps nested sub-items inside their paragraph, each on its line', () => {
    const result = parse(
      '1. The meeting agreed:\n   (a) to meet again;\n      (i) in June;\n      (ii) in Manila;\n   (b) to report.\n2. Done.',
    );
    expect(paragraphsOf(result)).toEqual([
      'The meeting agreed:\n(a) to meet again;\n(i) in June;\n(ii) in Manila;\n(b) to report.',
      'Done.',
    ]);
  });

  it('joins a paragraph broken across lines', () => {
    const result = parse('1. The meeting noted the\nimportance of the ADMM and\nASEAN centrality.\n2. Next.');
    expect(paragraphsOf(result)[0]).toBe('The meeting noted the importance of the ADMM and ASEAN centrality.');
  });

  it('reads a number standing alone on the line above its text', () => {
    expect(paragraphsOf(parse('1.\nThe meeting opened.\n2.\nIt closed.'))).toEqual([
      'The meeting opened.',
      'It closed.',
    ]);
  });

  it('takes a short line after a finished paragraph for a heading, even without a blank line', () => {
    const result = parse('1. The meeting opened.\nDiscussion\n2. It closed.');
    expect(result.sections).toEqual([
      { heading: '', paragraphs: ['The meeting opened.'] },
      { heading: 'Discussion', paragraphs: ['It closed.'] },
    ]);
  });

  it('warns when the numbering skips', () => {
    expect(parse('1. One.\n2. Two.\n4. Four.').warnings).toEqual(['The paragraph numbering goes from 2 to 4.']);
  });

  it('sums up a numbering that breaks again and again', () => {
    const { warnings } = parse(Array.from({ length: 30 }, (_, i) => `${i * 2 + 1}. Paragraph.`).join('\n'));
    expect(warnings).toHaveLength(11);
    expect(warnings.at(-1)).toBe('The paragraph numbering breaks 19 more times.');
  });

  it('reads a year at the start of a line as text, not a paragraph number', () => {
    expect(paragraphsOf(parse('1. One.\n2. The year was\n2024. Fine.'))).toHaveLength(2);
  });

  it('reads Markdown headings and leaves out an export’s date and adoption lines', () => {
    const result = parse(
      '# Chair’s Report\n\n1 June 2025\n\n## Opening\n\n1. One.\n2. Two.\n\nADOPTED in Manila on 1 June 2025.',
    );
    expect(result.title).toBe('Chair’s Report');
    expect(result.sections).toEqual([{ heading: 'Opening', paragraphs: ['One.', 'Two.'] }]);
    expect(result.warnings).toHaveLength(2);
  });
});
