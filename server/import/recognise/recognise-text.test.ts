import { describe, expect, it } from 'vitest';
import { recogniseText } from './recognise-text.ts';

const kinds = (text: string) => recogniseText(text)?.clauses.map((c) => c.kind);

const SECURITY_COUNCIL = [
  'Resolution 2719 (2023)',
  'Adopted by the Security Council at its 9512th meeting, on 21 December 2023',
  'The Security Council,',
  'Recalling its previous resolutions on the matter,',
  'Reaffirming its commitment to the sovereignty of the States of the region,',
  'Acting under Chapter VII of the Charter of the United Nations,',
  '1. Decides to renew the mandate of the mission;',
  '2. Requests the Secretary-General to report to it every 90 days;',
  '3. Decides to remain actively seized of the matter.',
].join('\n');

describe('recogniseText', () => {
  it('answers nothing for a text with nothing in it', () => {
    expect(recogniseText('\n\n  \n')).toBeNull();
  });

  it('recognises a Security Council resolution by its body, its openers and its verbs', () => {
    const result = recogniseText(SECURITY_COUNCIL);
    expect(result?.kind).toBe('resolution');
    expect(result?.date).toBe('2023-12-21');
    expect(kinds(SECURITY_COUNCIL)).toEqual([
      'chapeau',
      'preamble',
      'preamble',
      'preamble',
      'operative',
      'operative',
      'operative',
    ]);
    expect(result?.dropped.map((d) => d.text)).toEqual([
      'Resolution 2719 (2023)',
      'Adopted by the Security Council at its 9512th meeting, on 21 December 2023',
    ]);
  });

  it('takes a lead-in at the end of a long chapeau for the lead-in, and says so', () => {
    const text = [
      'Declaration on Maritime Cooperation',
      `We, the Ministers of ${'the Member States, '.repeat(12)}meeting in Manila on 1 June 2025, have agreed on the following:`,
      '1. ENHANCE cooperation at sea;',
      '2. CONTINUE dialogue.',
      'Done at Manila, this 1st day of June 2025.',
    ].join('\n');
    const result = recogniseText(text);
    expect(result?.kind).toBe('joint-statement');
    expect(kinds(text)).toEqual(['lead-in', 'operative', 'operative', 'closing']);
    expect(result?.clauses[0]?.closeCall).toMatch(/chapeau ends with the lead-in/);
    expect(result?.closing).toEqual({
      text: 'Done at Manila, this 1st day of June 2025.',
      place: 'Manila',
      date: '2025-06-01',
    });
  });

  it('makes a short line between operative clauses a sub-heading, as a close call', () => {
    const text =
      'Title\n\nNOTING the work;\n\nRECALLING the past;\n\nWE HEREBY COMMIT TO:\n\nENHANCE trade;\n\nMaritime Cooperation\n\nEXPAND cooperation at sea.';
    const result = recogniseText(text);
    expect(result?.clauses.map((c) => [c.kind, c.text])).toContainEqual(['heading', 'Maritime Cooperation']);
    expect(result?.clauses.find((c) => c.kind === 'heading')?.closeCall).toMatch(/sub-heading of the operative part/);
  });

  it('marks a paragraph with no opener after the lead-in as a close call, with the reason', () => {
    const text =
      'Title\n\nNOTING the work;\n\nRECALLING the past;\n\nWE HEREBY COMMIT TO:\n\nThe Ministers will meet again in 2026.';
    const clause = recogniseText(text)?.clauses.at(-1);
    expect(clause?.kind).toBe('operative');
    expect(clause?.closeCall).toBe(
      'no number and no operative verb: taken as operative because it follows the lead-in',
    );
  });

  it('keeps a report’s unnumbered prose as a paragraph of its own, not a heading', () => {
    const text = [
      'Chair’s Statement of the Meeting',
      'The Ministers met in Jakarta to review the work of the year.',
      '1. The Ministers welcomed the report.',
      '2. They noted the progress made.',
      '',
      'The Ministers thanked the host country for its warm hospitality and the excellent arrangements.',
    ].join('\n');
    const result = recogniseText(text);
    expect(result?.clauses.map((c) => c.kind)).toEqual(['heading', 'paragraph', 'paragraph', 'paragraph']);
    expect(result?.clauses.at(-1)?.closeCall).toBe('no number: kept as a paragraph of its own');
  });

  it('keeps the title, place and date of a statement with no numbers at all', () => {
    const text =
      'Chair’s Statement on the Leaders’ Meeting\n\nSan Francisco, California\nNovember 16-17, 2023\n\nWe exchanged views on the ongoing crisis in the region.\n\nWe agreed to meet again next year in the same city.';
    expect(recogniseText(text)).toMatchObject({
      kind: 'chairs-report',
      title: 'Chair’s Statement on the Leaders’ Meeting',
      place: 'San Francisco, California',
      date: '2023-11-16',
    });
  });
});
