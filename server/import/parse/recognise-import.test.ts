import admmPlus from '@fixtures/admm-plus-2025-joint-statement.txt?raw';
import siemReap from '@fixtures/nadi-2024-siem-reap-chairmans-report.txt?raw';
import manila from '@fixtures/nadi-2025-manila-chairmans-report.txt?raw';
import { describe, expect, it } from 'vitest';
import { readLines } from './read-lines.ts';
import { recogniseImport } from './recognise-import.ts';

const recognise = (text: string) => recogniseImport(readLines(text).lines);

describe('recogniseImport', () => {
  it('recognises the ADMM-Plus joint statement', () => {
    expect(recognise(admmPlus)).toBe('joint-statement');
  });

  it('recognises both NADI chairman’s reports', () => {
    expect(recognise(siemReap)).toBe('chairs-report');
    expect(recognise(manila)).toBe('chairs-report');
  });

  it('recognises a statement by its lead-in alone', () => {
    expect(
      recognise('Title\nThe Ministers;\nHEREBY DECLARE:\n1. SUPPORT the plan.\n2. WELCOME the partners.\n3. NOTE it.'),
    ).toBe('joint-statement');
  });

  it('recognises a statement by its preambular clauses when it has no lead-in', () => {
    expect(recognise('NOTING the work;\nRECALLING the past;\nCOMMEND all.')).toBe('joint-statement');
  });

  it('recognises a report by its numbered paragraphs, with or without dots', () => {
    expect(recognise('1. One.\n2. Two.')).toBe('chairs-report');
    expect(recognise('1 One.\n2 Two.')).toBe('chairs-report');
  });

  it('answers plain for prose and for a single numbered line', () => {
    expect(recognise('The delegations met informally.')).toBe('plain');
    expect(recognise('1. One thing only.')).toBe('plain');
  });
});
