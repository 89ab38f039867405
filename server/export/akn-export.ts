import { isPlain } from '../../shared/clause-runs.ts';
import type { ClauseRun } from '../../shared/schemas/clause-run.ts';
import { escapeXml } from './escape-xml.ts';
import { alternativeLine } from './export-alternatives.ts';
import type { ExportClause, ExportModel, ExportNote } from './export-model.ts';
import { type InlineNode, nestSpans, runLines, withItalicOpening } from './inline-spans.ts';
import { DRAFT_MARKER } from './markdown-export.ts';

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

/**
 * A multilateral statement belongs to no one country. The naming convention lets international
 * bodies use a code of their own in place of ISO 3166-1 (as `un`, `eu`); Mufakat does not know
 * the body, so every export uses `int`.
 */
const JURISDICTION = 'int';

/** The statement's `name` and FRBR subtype for each kind of draft. */
const SUBTYPES: Record<ExportModel['kind'], string> = {
  'joint-statement': 'jointStatement',
  resolution: 'resolution',
  'chairs-report': 'chairsReport',
};

/**
 * The draft as an Akoma Ntoso 3.0 `statement`:
 * - `meta`: FRBR identification (work, expression, manifestation), the `workflow` (drafting,
 *   and adoption once adopted), and `references` for Mufakat, the meeting, every delegation
 *   (`TLCOrganization`, eId its lower-case code), the place and the steps;
 * - `preface`: title (`docTitle`), the date (`docDate`) or the draft status (`docStatus`);
 * - `preamble`: the chapeau as `container name="chapeau"`, preamble clauses as `recitals/recital`;
 * - `mainBody`: the lead-in as `container name="leadIn"`, operative clauses as numbered
 *   `paragraph`s; a chair's report has `section`s with a `heading` and their paragraphs;
 * - `conclusions`: the closing clause, and after adoption the place and date.
 * Reservations, and the holders of open brackets, are `authorialNote`s inside the `p` of the
 * clause they concern; a bracketed stretch is `inline name="bracket"` naming its holders. A clause's bold,
 * italic and underline are the inline elements `b`, `i` and `u`.
 *
 * eIds come from positions in the printed text, as the naming convention builds them, so that
 * `para_3` is the paragraph printed "3.": `chapeau_N`, `recs`, `recs__rec_N` (N: preambular
 * paragraph number), `leadIn_N`, `para_N` (N: printed number), `sec_N` and `sec_N__para_M`,
 * `closing_N`, and `<clause eId>__authorialNote_M` (M: footnote number). Each clause element also
 * carries `wId` = its Mufakat clause id, which stays the same when clauses are renumbered.
 */
export function writeAkn(model: ExportModel): string {
  const root = el('akomaNtoso', { xmlns: AKN_NAMESPACE }, [
    el('statement', { name: SUBTYPES[model.kind] }, [
      meta(model),
      preface(model),
      ...preamble(model),
      mainBody(model),
      ...conclusions(model),
    ]),
  ]);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root, 0)}\n`;
}

type Node = Element | string;
interface Element {
  name: string;
  attrs: Record<string, string | undefined>;
  children: Node[];
}

function el(name: string, attrs: Element['attrs'] = {}, children: Node[] = []): Element {
  return { name, attrs, children };
}

function meta(model: ExportModel): Element {
  const workDate = (model.adoption?.date ?? model.createdAt).slice(0, 10);
  const expressionDate = (model.adoption?.date ?? model.asOf).slice(0, 10);
  const subtype = SUBTYPES[model.kind];
  const work = `/akn/${JURISDICTION}/statement/${subtype}/${workDate}/${model.draftId}`;
  const expression = `${work}/eng@${expressionDate}`;
  const workDateName = model.adoption === null ? 'creation' : 'adoption';
  const frbr = (level: string, uri: string, thisValue: string, date: string, dateName: string, extra: Node[]) =>
    el(level, {}, [
      el('FRBRthis', { value: thisValue }),
      el('FRBRuri', { value: uri }),
      ...(level === 'FRBRExpression' && model.adoption !== null
        ? [el('FRBRalias', { name: 'adoptedTextSha256', value: model.adoption.textHash })]
        : []),
      el('FRBRdate', { date, name: dateName }),
      el('FRBRauthor', { href: level === 'FRBRManifestation' ? '#mufakat' : '#meeting' }),
      ...extra,
    ]);

  const steps = [el('step', { date: model.createdAt.slice(0, 10), by: '#meeting', refersTo: '#drafting' })];
  if (model.adoption !== null) {
    steps.push(el('step', { date: model.adoption.date, by: '#meeting', refersTo: '#adoption', outcome: '#adopted' }));
  }
  const references = [
    el('TLCOrganization', { eId: 'mufakat', href: '/ontology/organization/mufakat', showAs: 'Mufakat' }),
    el('TLCOrganization', {
      eId: 'meeting',
      href: `/ontology/organization/${JURISDICTION}/meeting/${model.draftId}`,
      showAs: model.title,
    }),
    ...model.delegations.map((code) =>
      el('TLCOrganization', {
        eId: delegationRef(code),
        href: `/ontology/organization/iso3166-1/${code}`,
        showAs: code,
      }),
    ),
    el('TLCProcess', { eId: 'drafting', href: '/ontology/process/mufakat/drafting', showAs: 'Drafting' }),
  ];
  if (model.adoption !== null) {
    references.push(
      el('TLCProcess', { eId: 'adoption', href: '/ontology/process/mufakat/adoption', showAs: 'Adoption' }),
      el('TLCConcept', { eId: 'adopted', href: '/ontology/concept/mufakat/adopted', showAs: 'Adopted' }),
      el('TLCLocation', { eId: 'place', href: '/ontology/location/mufakat/place', showAs: model.adoption.place }),
    );
  }
  return el('meta', {}, [
    el('identification', { source: '#mufakat' }, [
      frbr('FRBRWork', work, `${work}/!main`, workDate, workDateName, [
        el('FRBRcountry', { value: JURISDICTION }),
        el('FRBRsubtype', { value: subtype }),
        el('FRBRname', { value: model.title }),
      ]),
      frbr('FRBRExpression', expression, `${expression}/!main`, expressionDate, workDateName, [
        el('FRBRlanguage', { language: 'eng' }),
      ]),
      frbr('FRBRManifestation', `${expression}.akn`, `${expression}/!main.xml`, model.asOf, 'generation', [
        el('FRBRformat', { value: 'application/akn+xml' }),
      ]),
    ]),
    el('workflow', { source: '#mufakat' }, steps),
    el('references', { source: '#mufakat' }, references),
  ]);
}

function preface(model: ExportModel): Element {
  const status =
    model.adoption === null
      ? el('p', { class: 'status' }, [el('docStatus', { refersTo: '#drafting' }, [DRAFT_MARKER])])
      : el('p', { class: 'date' }, [el('docDate', { date: model.adoption.date }, [model.adoption.dateText])]);
  return el('preface', {}, [el('p', { class: 'title' }, [el('docTitle', {}, [model.title])]), status]);
}

function preamble(model: ExportModel): Element[] {
  const children: Element[] = [];
  let recitals: Element | null = null;
  let chapeau = 0;
  for (const clause of model.clauses) {
    if (clause.kind === 'chapeau') {
      chapeau += 1;
      recitals = null;
      children.push(container('chapeau', `chapeau_${chapeau}`, clause, model));
    } else if (clause.kind === 'preamble') {
      if (recitals === null) {
        recitals = el('recitals', { eId: recitalsEId(children) });
        children.push(recitals);
      }
      const eId = `${recitals.attrs.eId}__rec_${recitals.children.length + 1}`;
      recitals.children.push(el('recital', { eId, wId: clause.id }, clausePs(clause, eId, model)));
    }
  }
  return children.length === 0 ? [] : [el('preamble', {}, children)];
}

/** The naming convention's `recs`; a second run of preamble clauses after a chapeau gets `recs_2`. */
function recitalsEId(siblings: readonly Element[]): string {
  const count = siblings.filter((e) => e.name === 'recitals').length;
  return count === 0 ? 'recs' : `recs_${count + 1}`;
}

function mainBody(model: ExportModel): Element {
  const children: Element[] = [];
  let section: Element | null = null;
  let leadIn = 0;
  let sections = 0;
  for (const clause of model.clauses) {
    if (clause.kind === 'lead-in') {
      leadIn += 1;
      section = null;
      children.push(container('leadIn', `leadIn_${leadIn}`, clause, model));
    } else if (clause.kind === 'heading') {
      sections += 1;
      const eId = `sec_${sections}`;
      section = el('section', { eId, wId: clause.id }, [el('heading', {}, inline(clause, model, eId))]);
      children.push(section);
    } else if (clause.number !== null) {
      const eId = section === null ? `para_${clause.number}` : `${section.attrs.eId}__para_${clause.number}`;
      const paragraph = el('paragraph', { eId, wId: clause.id }, [
        el('num', {}, [`${clause.number}.`]),
        el('content', {}, clausePs(clause, eId, model)),
      ]);
      (section?.children ?? children).push(paragraph);
    }
  }
  // A section is a heading followed by content: one with no paragraphs gets an empty one.
  for (const s of children) if (s.name === 'section' && s.children.length === 1) s.children.push(emptyContent());
  // mainBody cannot be empty: a draft with no operative part has an empty paragraph of content.
  return el('mainBody', {}, children.length === 0 ? [el('p')] : children);
}

function conclusions(model: ExportModel): Element[] {
  const children: Element[] = [];
  let closing = 0;
  for (const clause of model.clauses) {
    if (clause.kind !== 'closing') continue;
    closing += 1;
    children.push(container('closing', `closing_${closing}`, clause, model));
  }
  const adoption = model.adoption;
  if (adoption !== null) {
    const place = el('location', { refersTo: '#place' }, [adoption.place]);
    const date = el('date', { date: adoption.date, refersTo: '#adoption' }, [adoption.dateText]);
    const line =
      model.adoptionLine !== null
        ? el('p', { class: 'adoption' }, ['ADOPTED in ', place, ' on ', date, '.'])
        : el('p', { class: 'adoption' }, [place, ', ', date]);
    children.push(el('container', { name: 'adoption', eId: 'adoption_1' }, [line]));
  }
  return children.length === 0 ? [] : [el('conclusions', {}, children)];
}

function container(name: string, eId: string, clause: ExportClause, model: ExportModel): Element {
  return el('container', { name, eId, wId: clause.id }, clausePs(clause, eId, model));
}

/** The clause's text as a `p`, then a draft's open alternatives of it, each a `p` of class `alternative`. */
function clausePs(clause: ExportClause, eId: string, model: ExportModel): Element[] {
  const alternatives = (clause.alternatives ?? []).map((a) => el('p', { class: 'alternative' }, [alternativeLine(a)]));
  return [el('p', {}, inline(clause, model, eId)), ...alternatives];
}

/**
 * The clause text (its emphasis as `b`, `i`, `u`; a resolution's opening words as `i`), its line
 * breaks as `eol`, then its reservations as authorial notes.
 */
function inline(clause: ExportClause, model: ExportModel, eId: string): Node[] {
  const nodes: Node[] = [];
  const opener = clause.opener !== null && clause.text.startsWith(clause.opener) ? clause.opener : '';
  if (clause.brackets !== undefined && clause.brackets.length > 0) {
    nodes.push(...bracketedInline(clause, opener.length));
  } else if (isPlain(clause.runs)) {
    if (opener !== '') nodes.push(el('i', {}, [opener]));
    clause.text
      .slice(opener.length)
      .split('\n')
      .forEach((line, i) => {
        if (i > 0) nodes.push(el('eol'));
        nodes.push(line);
      });
  } else {
    runLines(withItalicOpening(clause.runs, opener.length)).forEach((line, i) => {
      if (i > 0) nodes.push(el('eol'));
      nodes.push(...nestSpans(line).map(inlineElement));
    });
  }
  for (const number of clause.notes) {
    const note = model.notes.find((n) => n.number === number);
    if (note !== undefined) nodes.push(authorialNote(note, `${eId}__authorialNote_${number}`));
  }
  return nodes;
}

/**
 * A bracketed clause's text: each stretch inside brackets, its "[" and "]" included, is an
 * `inline name="bracket"` whose `refersTo` names its holders' `TLCOrganization`s (and whose
 * `class` is its kind); emphasis is nested inside, closed and opened again at its edges.
 */
function bracketedInline(clause: ExportClause, openerLength: number): Node[] {
  const brackets = clause.brackets ?? [];
  const nodes: Node[] = [];
  let offset = 0;
  runLines(withItalicOpening(clause.runs, openerLength)).forEach((line, i) => {
    if (i > 0) nodes.push(el('eol'));
    const length = line.reduce((sum, run) => sum + run.text.length, 0);
    const cuts = new Set([0, length]);
    for (const b of brackets) {
      for (const at of [b.from - offset, b.to - offset]) if (at > 0 && at < length) cuts.add(at);
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let k = 0; k + 1 < points.length; k++) {
      const from = points[k] ?? 0;
      const to = points[k + 1] ?? 0;
      const pieces = nestSpans(sliceRuns(line, from, to)).map(inlineElement);
      const covering = brackets.filter((b) => b.from <= offset + from && b.to >= offset + to);
      if (covering.length === 0) {
        nodes.push(...pieces);
        continue;
      }
      const holders = [...new Set(covering.flatMap((b) => b.holders))];
      const kinds = [...new Set(covering.map((b) => b.kind))];
      nodes.push(
        el(
          'inline',
          { name: 'bracket', refersTo: holders.map((h) => `#${delegationRef(h)}`).join(' '), class: kinds.join(' ') },
          pieces,
        ),
      );
    }
    offset += length + 1;
  });
  return nodes;
}

function sliceRuns(line: readonly ClauseRun[], from: number, to: number): ClauseRun[] {
  const out: ClauseRun[] = [];
  let at = 0;
  for (const run of line) {
    const start = Math.max(from, at);
    const end = Math.min(to, at + run.text.length);
    if (end > start) out.push({ text: run.text.slice(start - at, end - at), format: run.format });
    at += run.text.length;
  }
  return out;
}

function inlineElement(node: InlineNode): Node {
  return typeof node === 'string' ? node : el(node.mark, {}, node.children.map(inlineElement));
}

function authorialNote(note: ExportNote, eId: string): Element {
  const text: Node[] =
    note.delegation !== null && note.text.startsWith(note.delegation)
      ? [
          el('organization', { refersTo: `#${delegationRef(note.delegation)}` }, [note.delegation]),
          note.text.slice(note.delegation.length),
        ]
      : [note.text];
  return el('authorialNote', { marker: String(note.number), placement: 'bottom', eId }, [el('p', {}, text)]);
}

function emptyContent(): Element {
  return el('content', {}, [el('p')]);
}

function delegationRef(code: string): string {
  return code.toLowerCase();
}

const INDENT = '  ';
/** Elements whose content is text: whitespace added inside them would become part of it. */
const INLINE_CONTENT = new Set(['p', 'heading', 'num', 'b', 'i', 'u', 'inline']);

/** Elements holding only elements are indented; text and mixed content stay on one line, as they are. */
function serialize(node: Node, depth: number): string {
  if (typeof node === 'string') return escapeXml(node);
  const mixed = INLINE_CONTENT.has(node.name) || node.children.some((child) => typeof child === 'string');
  const open = `${INDENT.repeat(depth)}<${node.name}${attributes(node)}`;
  if (node.children.length === 0) return `${open}/>`;
  if (mixed) return `${open}>${node.children.map(serializeInline).join('')}</${node.name}>`;
  const inner = node.children.map((child) => serialize(child, depth + 1)).join('\n');
  return `${open}>\n${inner}\n${INDENT.repeat(depth)}</${node.name}>`;
}

/** Inside mixed content whitespace is text: nothing is indented. */
function serializeInline(node: Node): string {
  if (typeof node === 'string') return escapeXml(node);
  if (node.children.length === 0) return `<${node.name}${attributes(node)}/>`;
  return `<${node.name}${attributes(node)}>${node.children.map(serializeInline).join('')}</${node.name}>`;
}

function attributes(node: Element): string {
  return Object.entries(node.attrs)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');
}
