import type { Role } from './roles.ts';

/**
 * Short English names of the states a delegation usually stands for, by ISO 3166-1 alpha-3 code:
 * the ASEAN Member States, the ADMM-Plus partners, and the other members of the regional and
 * UN bodies Mufakat's meetings draw on. A code not listed is shown as the code itself.
 */
const NAMES: Readonly<Record<string, string>> = {
  // ASEAN (Timor-Leste a member since October 2025)
  BRN: 'Brunei Darussalam',
  KHM: 'Cambodia',
  IDN: 'Indonesia',
  LAO: 'Lao PDR',
  MYS: 'Malaysia',
  MMR: 'Myanmar',
  PHL: 'the Philippines',
  SGP: 'Singapore',
  THA: 'Thailand',
  TLS: 'Timor-Leste',
  VNM: 'Viet Nam',
  // The eight Plus partners
  AUS: 'Australia',
  CHN: 'China',
  IND: 'India',
  JPN: 'Japan',
  NZL: 'New Zealand',
  KOR: 'the Republic of Korea',
  RUS: 'the Russian Federation',
  USA: 'the United States',
  // Others often in the room
  ARG: 'Argentina',
  AUT: 'Austria',
  BGD: 'Bangladesh',
  BEL: 'Belgium',
  BRA: 'Brazil',
  BTN: 'Bhutan',
  CAN: 'Canada',
  CHE: 'Switzerland',
  CHL: 'Chile',
  COL: 'Colombia',
  CZE: 'Czechia',
  DEU: 'Germany',
  DNK: 'Denmark',
  EGY: 'Egypt',
  ESP: 'Spain',
  FIN: 'Finland',
  FJI: 'Fiji',
  FRA: 'France',
  GBR: 'the United Kingdom',
  GRC: 'Greece',
  IRL: 'Ireland',
  IRN: 'Iran',
  IRQ: 'Iraq',
  ISR: 'Israel',
  ITA: 'Italy',
  KAZ: 'Kazakhstan',
  KEN: 'Kenya',
  LKA: 'Sri Lanka',
  MDV: 'Maldives',
  MEX: 'Mexico',
  MNG: 'Mongolia',
  NGA: 'Nigeria',
  NLD: 'the Netherlands',
  NOR: 'Norway',
  NPL: 'Nepal',
  PAK: 'Pakistan',
  PER: 'Peru',
  PNG: 'Papua New Guinea',
  POL: 'Poland',
  PRT: 'Portugal',
  QAT: 'Qatar',
  ROU: 'Romania',
  SAU: 'Saudi Arabia',
  SWE: 'Sweden',
  TUR: 'Türkiye',
  UKR: 'Ukraine',
  ARE: 'the United Arab Emirates',
  ZAF: 'South Africa',
};

/** A delegation's name, e.g. "Malaysia"; its code when the code is not listed. */
export function delegationName(code: string): string {
  return NAMES[code] ?? code;
}

/** Who a participant is, as a sentence says it: "Malaysia (MYS)", "the chair", "an observer". */
export function participantName(role: Role, delegation: string | null): string {
  if (role === 'delegation' && delegation !== null) {
    const name = delegationName(delegation);
    return name === delegation ? delegation : `${name} (${delegation})`;
  }
  return role === 'observer' ? 'an observer' : `the ${role}`;
}
