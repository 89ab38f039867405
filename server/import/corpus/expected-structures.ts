import type { ClauseKind, DraftKind } from '../../../shared/schemas/draft.ts';

/**
 * The structure of each text of the corpus, written down by hand from the published text:
 * its kind, title, date and place, how many clauses of each kind, the chapeau's and lead-in's
 * opening words, the closing's place and date, the headings. `dir` says where the file is:
 * this folder, or the workplace's fixtures (`MUFAKAT_FIXTURES_DIR`).
 */
export interface ExpectedStructure {
  file: string;
  dir: 'corpus' | 'fixtures';
  kind: DraftKind;
  title: string;
  date: string | null;
  place: string | null;
  counts: Partial<Record<ClauseKind, number>>;
  /** The first words of the chapeau. */
  chapeau?: string;
  leadIn?: string;
  closing: { place: string | null; date: string | null } | null;
  /** The headings, in order (each one's first line). */
  headings?: string[];
  /**
   * The text is itself a PDF's text, wrapped and paginated already: the harness does not wrap
   * or paginate it again (no one re-wraps a PDF's lines), only saves it from Word or the web.
   */
  fromPdf?: true;
}

export const EXPECTED_STRUCTURES: readonly ExpectedStructure[] = [
  {
    file: 'admm-plus-2025-joint-statement.txt',
    dir: 'fixtures',
    kind: 'joint-statement',
    title: 'Joint Statement by the ASEAN Defence Ministers’ Meeting Plus (ADMM-PLUS)',
    date: '2025-11-01',
    place: 'Kuala Lumpur, Malaysia',
    counts: { chapeau: 1, preamble: 9, 'lead-in': 1, operative: 11, closing: 1 },
    chapeau: 'The Twelfth ASEAN Defence Ministers’ Meeting Plus',
    leadIn: 'WE HEREBY COMMIT TO:',
    closing: { place: 'Kuala Lumpur, Malaysia', date: '2025-11-01' },
    headings: [],
  },
  {
    file: 'nadi-2024-siem-reap-chairmans-report.txt',
    dir: 'fixtures',
    kind: 'chairs-report',
    title: "CHAIRMAN'S REPORT OF TRACK II NETWORK OF ASEAN DEFENCE AND SECURITY INSTITUTIONS (NADI) MEETING",
    date: '2024-09-18',
    place: 'Siem Reap, Cambodia',
    counts: { heading: 26, paragraph: 55 },
    closing: null,
  },
  {
    file: 'nadi-2025-manila-chairmans-report.txt',
    dir: 'fixtures',
    kind: 'chairs-report',
    title: "CHAIRMAN'S REPORT OF THE TRACK II NETWORK OF ASEAN DEFENCE AND SECURITY INSTITUTIONS (NADI) MEETING",
    date: '2025-06-17',
    place: 'Crimson Hotel, Filinvest City, Alabang, Philippines',
    counts: { heading: 28, paragraph: 50 },
    closing: null,
  },
  {
    file: 'un-ga-80-7-iaea.txt',
    dir: 'corpus',
    kind: 'resolution',
    title: 'Report of the International Atomic Energy Agency',
    date: '2025-11-14',
    place: null,
    counts: { chapeau: 1, preamble: 4, operative: 5, closing: 1 },
    chapeau: 'The General Assembly,',
    closing: { place: null, date: '2025-11-14' },
    headings: [],
  },
  {
    file: 'un-ga-80-7-iaea-pdf.txt',
    dir: 'corpus',
    fromPdf: true,
    kind: 'resolution',
    title: 'Report of the International Atomic Energy Agency',
    date: '2025-11-14',
    place: null,
    counts: { chapeau: 1, preamble: 4, operative: 5, closing: 1 },
    chapeau: 'The General Assembly,',
    closing: { place: null, date: '2025-11-14' },
    headings: [],
  },
  {
    file: 'un-ga-80-1-palestine-participation.txt',
    dir: 'corpus',
    kind: 'resolution',
    title: 'Participation by the State of Palestine during the eightieth session',
    date: '2025-09-19',
    place: null,
    counts: { chapeau: 1, preamble: 5, operative: 3, closing: 1 },
    chapeau: 'The General Assembly,',
    closing: { place: null, date: null },
    headings: [],
  },
  {
    file: 'un-ga-80-4-cuba-embargo.txt',
    dir: 'corpus',
    kind: 'resolution',
    title:
      'Necessity of ending the economic, commercial and financial embargo imposed by the United States of America against Cuba',
    date: '2025-10-29',
    place: null,
    counts: { chapeau: 1, preamble: 8, operative: 5, closing: 1 },
    chapeau: 'The General Assembly,',
    closing: { place: null, date: '2025-10-29' },
    headings: [],
  },
  {
    file: 'asean-us-2023-aoip-leaders-statement.txt',
    dir: 'corpus',
    kind: 'joint-statement',
    title: 'ASEAN-U.S. Leaders’ Statement on Cooperation on the ASEAN Outlook on the Indo-Pacific',
    date: '2023-09-06',
    place: 'Jakarta, Indonesia',
    counts: { chapeau: 1, preamble: 10, 'lead-in': 1, operative: 14, heading: 4, closing: 1 },
    chapeau: 'WE, the Member States of the Association of Southeast Asian Nations',
    leadIn: 'WE HEREBY COMMITTO:',
    closing: { place: 'Jakarta, Indonesia', date: '2023-09-06' },
    headings: [
      'Maritime Cooperation',
      'Connectivity',
      '2030 Agenda for Sustainable Development and the Sustainable Development Goals',
      'Economic or Other Possible Areas of Cooperation',
    ],
  },
  {
    file: 'asean-us-2022-csp-leaders-statement.txt',
    dir: 'corpus',
    kind: 'joint-statement',
    title: 'ASEAN-U.S. Leaders’ Statement on the Establishment of the ASEAN-U.S. Comprehensive Strategic Partnership',
    date: '2022-11-12',
    place: 'Phnom Penh, Kingdom of Cambodia',
    counts: { chapeau: 1, preamble: 8, 'lead-in': 1, operative: 9, closing: 1 },
    chapeau: 'WE, the Member States of the Association of Southeast Asian Nations',
    leadIn: 'WE HEREBY DECLARE TO:',
    closing: { place: 'Phnom Penh, Kingdom of Cambodia', date: '2022-11-12' },
    headings: [],
  },
  {
    file: 'g7-2022-12-12-leaders-statement.txt',
    dir: 'corpus',
    kind: 'chairs-report',
    title: 'G7 Leaders’ Statement',
    date: null,
    place: null,
    counts: { paragraph: 18 },
    closing: null,
    headings: [],
  },
  {
    file: 'apec-2023-chairs-statement.txt',
    dir: 'corpus',
    kind: 'chairs-report',
    title: 'Chair’s Statement on the APEC Economic Leader’s Meeting',
    date: '2023-11-16',
    place: 'San Francisco, California',
    counts: { paragraph: 3 },
    closing: null,
    headings: [],
  },
  {
    file: 'g20-2023-us-india-brazil-south-africa-joint-statement.txt',
    dir: 'corpus',
    kind: 'chairs-report',
    title: 'Joint Statement from the United States, India, Brazil, and South Africa on the G20',
    date: null,
    place: null,
    counts: { paragraph: 2 },
    closing: null,
    headings: [],
  },
  {
    file: 'nato-g7-2022-bali-joint-statement.txt',
    dir: 'corpus',
    kind: 'chairs-report',
    title: 'Joint Statement of NATO and G7 Leaders on the Margins of the G20 Summit in Bali',
    date: null,
    place: null,
    counts: { paragraph: 4 },
    closing: null,
    headings: [],
  },
  {
    file: 'apep-2023-east-room-declaration.txt',
    dir: 'corpus',
    kind: 'chairs-report',
    title: 'East Room Declaration of the Leaders of the Americas Partnership for Economic Prosperity',
    date: null,
    place: null,
    counts: { paragraph: 10 },
    closing: null,
    headings: [],
  },
  {
    file: 'us-pif-2023-leaders-dialogue-statement.txt',
    dir: 'corpus',
    kind: 'chairs-report',
    title: 'U.S.-Pacific Islands Forum Leaders Dialogue in Port Moresby, Papua New Guinea',
    date: null,
    place: null,
    counts: { paragraph: 6 },
    closing: null,
    headings: [],
  },
];
