import type { CreateDraftRequest } from '../../shared/schemas/draft.ts';

/**
 * The demo draft that `npm start` seeds: the Joint Statement of the Twelfth ADMM-Plus, adopted
 * in Kuala Lumpur on 1 November 2025 (a public text), with the 19 ADMM-Plus delegations: the 11
 * ASEAN Member States, Timor-Leste the newest, and the eight Plus countries.
 */
export const ADMM_PLUS_DELEGATIONS = [
  'BRN',
  'KHM',
  'IDN',
  'LAO',
  'MYS',
  'MMR',
  'PHL',
  'SGP',
  'THA',
  'TLS',
  'VNM',
  'AUS',
  'CHN',
  'IND',
  'JPN',
  'NZL',
  'KOR',
  'RUS',
  'USA',
] as const;

export const ADMM_PLUS_2025_DEMO = {
  title: 'Joint Statement by the ASEAN Defence Ministers’ Meeting Plus (ADMM-PLUS)',
  kind: 'joint-statement',
  delegations: [...ADMM_PLUS_DELEGATIONS],
  consensus: { rule: 'unanimous' },
  clauses: [
    {
      kind: 'chapeau',
      text: 'The Twelfth ASEAN Defence Ministers’ Meeting Plus (hereinafter referred to as “ADMM-Plus”), convened in Kuala Lumpur, Malaysia, on 1 November 2025;',
    },
    {
      kind: 'preamble',
      text: 'RECOGNISING ASEAN’s leading role in shaping the regional security architecture and UNDERSCORING the importance of upholding international law, including the United Nations (UN) Charter, and respect for the ASEAN Charter, the Treaty of Amity and Cooperation in Southeast Asia (TAC), the Treaty on the Southeast Asia Nuclear-Weapon-Free Zone(SEANWFZ) and ACKNOWLEDGING the ASEAN Outlook on the Indo-Pacific (AOIP) as ASEAN’s own initiative to enhance ASEAN Community-building process;',
    },
    {
      kind: 'preamble',
      text: 'REITERATING that our region and the world are facing geopolitical tensions and conflicts, economic challenges, current and emerging security and other transboundary challenges that require collective collaboration for peace;',
    },
    {
      kind: 'preamble',
      text: 'EMPHASISING the vital role of the ADMM and ADMM-Plus within the region’s security architecture as essential platforms for strategic dialogue and practical cooperation in the defence sector;',
    },
    {
      kind: 'preamble',
      text: 'RECALLING the inception of the ADMM-Plus in Ha Noi, Viet Nam, on 12 October 2010, which marked a major milestone in ASEAN’s history by bringing together Defence Ministers from ASEAN Member States and eight ASEAN Dialogue Partners for the first time, and establishing a platform for fostering trust, building confidence and enabling the Plus Countries to support ASEAN Centrality and to strengthen regional capacities to address common security challenges;',
    },
    {
      kind: 'preamble',
      text: 'REAFFIRMING the ADMM-Plus as an open and inclusive framework, with ASEAN at the centre, that facilitates dialogue and fosters practical cooperation among ADMM-Plus countries on shared security concerns;',
    },
    {
      kind: 'preamble',
      text: 'RECALLING the ADMM’s decision to annualise the ADMM-Plus made in 2017 and the Post-Implementation Review approved in 2021, which seek to enhance dialogue and cooperation among ASEAN and the Plus Countries, via a platform that is ASEAN-led and ASEAN-driven;',
    },
    {
      kind: 'preamble',
      text: "WELCOMING consistent and positive contributions by the Plus Countries in enhancing ASEAN Member States' capacity and preparedness to address current and emerging security challenges;",
    },
    {
      kind: 'preamble',
      text: "COMMENDING the achievements, consolidation and advancements of practical cooperation within the ADMM-Plus Experts' Working Groups (EWGs), namely in Humanitarian Assistance and Disaster Relief, Maritime Security, Military Medicine, Counter-Terrorism, Peacekeeping Operations, Humanitarian Mine Action and Cyber Security, which have significantly contributed to building trust and confidence, enhancing capacity and improving coordination among ADMM-Plus countries to address common security challenges and ensure regional peace and stability; and",
    },
    {
      kind: 'preamble',
      text: 'UNDERSCORING the importance of fostering an environment that promotes peace, security, prosperity and adherence to the rule of law for all by encouraging a culture of dialogue and habit of consultations, and engaging in substantive, practical and tangible cooperation to strengthen mutual trust and confidence.',
    },
    { kind: 'lead-in', text: 'WE HEREBY COMMIT TO:' },
    {
      kind: 'operative',
      text: 'COMMEND the 15 years of practical cooperation through the ADMM-Plus framework and APPLAUD its valuable contributions to the implementation of the ASEAN Political-Security Community (APSC) Blueprint of the ASEAN Community Vision 2025;',
    },
    {
      kind: 'operative',
      text: 'UPHOLD the relevance of the ADMM-Plus beyond 2025 by adapting to emerging, increasingly complex and interconnected security challenges, while ensuring a continued commitment to regional stability and cooperation;',
    },
    {
      kind: 'operative',
      text: 'ENHANCE practical cooperation to solidify ADMM-Plus as a platform for tangible action through the effective implementation of the ADMM-Plus EWGs, thereby promoting closer cooperation among defence establishments in addressing common regional security challenges, contributing to ASEAN unity, upholding the principles and purposes reflected in the UN Charter and ASEAN Charter, and based on flexible, voluntary, nonbinding and resource-efficient contributions;',
    },
    {
      kind: 'operative',
      text: 'FOSTER information-sharing and facilitate timely, effective communication among ADMM-Plus countries, including through the ASEAN Direct Communications Infrastructure (ADI), to strengthen confidence-building measures in the region;',
    },
    {
      kind: 'operative',
      text: 'PRIORITISE inclusivity and multilateral engagement by maintaining an open and inclusive ADMM-Plus, including through the implementation of the ADMM-Plus EWG Observership Programme, which will enable ADMM-Plus to adapt to evolving dynamics and security challenges, incorporate diverse perspectives and reinforce its legitimacy and appeal as a key multilateral framework;',
    },
    {
      kind: 'operative',
      text: 'INCREASE capacity-building initiatives, including training and education programmes, to strengthen ADMM-Plus’ role in preparing and further enhancing ASEAN Member States’ capacity to address evolving security challenges;',
    },
    {
      kind: 'operative',
      text: 'STRENGTHEN the ADMM-Plus framework and deepen defence cooperation as a means for confidence and capacity-building;',
    },
    {
      kind: 'operative',
      text: 'REAFFIRM the importance of mutual respect for the independence, sovereignty, equality, territorial integrity and national identity of our nations, maintaining and promoting peace, security, stability, prosperity, safety and freedom of navigation and overflight, as well as the need to enhance mutual trust and confidence, exercise self-restraint in the conduct of activities and avoid actions that may further complicate the situation, and pursue peaceful resolution of disputes, in accordance with international law, including the 1982 UN Convention on the Law of the Sea (UNCLOS);',
    },
    {
      kind: 'operative',
      text: 'CONTINUE exchanges, interactions and confidence-building measures to address current and emerging security challenges;',
    },
    {
      kind: 'operative',
      text: 'SUPPORT ASEAN’s effort in implementing the APSC Strategic Plan of the ASEAN Community Vision 2045, aimed at realising a resilient, innovative, dynamic and people-centred ASEAN by 2045 and COMMIT to promoting regional peace, stability and prosperity;',
    },
    {
      kind: 'operative',
      text: 'WELCOME the convening of the 13th ADMM-Plus in the Republic of the Philippines in 2026.',
    },
    {
      kind: 'closing',
      text: 'ADOPTED in Kuala Lumpur, Malaysia on the First Day of November in the Year Two Thousand and Twenty-Five, in a single original copy in the English language.',
    },
  ],
} satisfies CreateDraftRequest;

/** The date line under the title. */
export const ADMM_PLUS_2025_DATE = '1 November 2025';
