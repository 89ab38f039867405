import { execFileSync } from 'node:child_process';
import { type Browser, chromium, type Page } from '@playwright/test';
// @ts-expect-error: a plain .mjs helper shared with the test runner, without type declarations.
import { findChromium } from '../scripts/find-chromium.mjs';
import { ADMM_PLUS_DELEGATIONS } from '../server/demo/admm-plus-2025.ts';
import { createTestDraft, sessionCookieFor } from '../server/testing/test-server.ts';
import type { NewClause } from '../shared/schemas/draft.ts';
import { joinAsRemoteParticipant, type RemoteParticipant } from './remote-participant.ts';
import { startMufakat } from './server-process.ts';

/**
 * The room in a real browser: a 200-clause joint statement opened by one delegation in Chromium
 * while the 18 other ADMM-Plus delegations are connected, each typing in its own clause and
 * showing its presence. Measures the time from navigation until every clause is editable, and
 * the time from a key press to the character painted on screen.
 */
export interface RoomBenchResult {
  clauses: number;
  participants: number;
  /** Navigation start (the join link) to the first screen of clauses editable, per run. */
  timeToEditableMs: number[];
  /** A jump to the end of the draft to the last clauses editable, per run. */
  jumpToEndMs: number[];
  /** Paging from the top, one screen a frame, to every one of the clauses editable, per run. */
  pageThroughMs: number[];
  /** Key press to the character on screen, per key. */
  keyToScreenMs: number[];
}

const CLAUSE_COUNT = 200;
const OTHER_EDITS_PER_SECOND = 3;

function benchmarkClauses(): NewClause[] {
  const clauses: NewClause[] = [
    { kind: 'chapeau', text: 'The Thirteenth ADMM-Plus, convened in Manila, the Philippines, on 1 November 2026;' },
  ];
  for (let i = 1; i <= 60; i++) {
    clauses.push({
      kind: 'preamble',
      text: `RECOGNISING the importance of practical cooperation in area ${i} among the defence establishments of the region, and the contributions of the Experts' Working Groups;`,
    });
  }
  clauses.push({ kind: 'lead-in', text: 'WE HEREBY COMMIT TO:' });
  while (clauses.length < CLAUSE_COUNT - 1) {
    const n = clauses.length - 61;
    clauses.push({
      kind: 'operative',
      text: `ENHANCE cooperation on item ${n}, through the effective implementation of the ADMM-Plus EWGs, thereby promoting closer cooperation among defence establishments;`,
    });
  }
  clauses.push({ kind: 'closing', text: 'ADOPTED in Manila, the Philippines on the First Day of November 2026.' });
  return clauses;
}

/** In-page: resolves once every clause card in view shows an editable editor with its text. */
export const WAIT_FOR_VIEW_EDITABLE = `(onReady) => {
  const inView = () => [...document.querySelectorAll('[data-testid="clause"]')].filter((card) => {
    const r = card.getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight;
  });
  const check = () => {
    const cards = inView();
    const ready = cards.length > 0 && cards.every((card) => {
      const editor = card.querySelector('.clause-editor[contenteditable="true"]');
      return editor !== null && (editor.textContent ?? '') !== '';
    });
    if (ready) onReady(performance.now());
    // Every 20 ms, not every frame: each check measures 200 cards, a layout the page would not do.
    else setTimeout(check, 20);
  };
  check();
}`;

/** Navigation (the join link) to the first screen of clauses editable. */
async function timeToEditable(page: Page, url: string): Promise<number> {
  await page.goto(url);
  // In-page code is passed as text: tsx would wrap named functions in a helper the page lacks.
  return page.evaluate(`new Promise((resolve) => (${WAIT_FOR_VIEW_EDITABLE})(resolve))`) as Promise<number>;
}

/** A jump to the end of the draft (Ctrl+End, a search hit) to the clauses there being editable. */
async function jumpToEnd(page: Page): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const started = performance.now();
    scrollTo(0, document.documentElement.scrollHeight);
    (${WAIT_FOR_VIEW_EDITABLE})((at) => resolve(at - started));
  })`) as Promise<number>;
}

/** From the top, one screen further each frame: the time until every clause has been editable. */
async function pageThrough(page: Page): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    scrollTo(0, 0);
    const started = performance.now();
    const step = () => {
      const atEnd = scrollY + innerHeight >= document.documentElement.scrollHeight - 1;
      const editable = document.querySelectorAll('.clause-editor[contenteditable="true"]').length;
      if (atEnd && editable === ${CLAUSE_COUNT}) return resolve(performance.now() - started);
      if (!atEnd) scrollBy(0, innerHeight);
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  })`) as Promise<number>;
}

/**
 * Types into one clause and measures, in the page, each key's event time to the frame after
 * its character reached the DOM (a rAF then a task: the frame has been painted by then).
 */
async function keyToScreen(page: Page, keys: number): Promise<number[]> {
  const editor = page.getByRole('textbox', { name: 'Operative 60', exact: true });
  // Others' typing above keeps moving the clause a little, so focus it rather than click.
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.evaluate(`(() => {
    const target = document.activeElement;
    if (target === null) throw new Error('no focused editor');
    const state = { pending: [], latencies: [] };
    window.__keyLatency = state;
    target.addEventListener('keydown', (event) => state.pending.push(event.timeStamp), true);
    new MutationObserver(() => {
      const started = state.pending.splice(0);
      if (started.length === 0) return;
      requestAnimationFrame(() =>
        setTimeout(() => {
          for (const t of started) state.latencies.push(performance.now() - t);
        }, 0),
      );
    }).observe(target, { subtree: true, childList: true, characterData: true });
  })()`);
  const text = 'and to strengthen maritime domain awareness through information sharing '.repeat(3).slice(0, keys);
  // About 8 characters a second: a fast typist, with each key's effect on screen before the next.
  await page.keyboard.type(text, { delay: 120 });
  await page.waitForFunction(`window.__keyLatency.latencies.length >= ${keys}`, undefined, { timeout: 30_000 });
  return page.evaluate('window.__keyLatency.latencies') as Promise<number[]>;
}

export async function runRoomInChromium(runs: number, keys: number): Promise<RoomBenchResult> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  const server = await startMufakat({ MUFAKAT_CLIENT_DIR: 'dist/client' });
  const others: RemoteParticipant[] = [];
  const timers: NodeJS.Timeout[] = [];
  let browser: Browser | undefined;
  try {
    const delegations = [...ADMM_PLUS_DELEGATIONS];
    const draft = await createTestDraft(server.url, {
      title: 'Benchmark: Joint Statement of 200 clauses',
      kind: 'joint-statement',
      delegations,
      clauses: benchmarkClauses(),
    });
    const [me, ...rest] = delegations;
    for (const [i, code] of rest.entries()) {
      const cookie = await sessionCookieFor(server.url, draft.links.delegations[code] ?? '');
      // Each types in its own clause, away from the one measured.
      const other = await joinAsRemoteParticipant(server.url, draft.id, cookie, code, 10 + i * 9);
      others.push(other);
      timers.push(setInterval(() => other.typeOne(), 1000 / OTHER_EDITS_PER_SECOND));
    }
    browser = await chromium.launch({
      executablePath: findChromium() ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    const timeToEditableMs: number[] = [];
    const jumpToEndMs: number[] = [];
    const pageThroughMs: number[] = [];
    let keyToScreenMs: number[] = [];
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      timeToEditableMs.push(await timeToEditable(page, draft.links.delegations[me ?? ''] ?? ''));
      if (run === runs - 1) keyToScreenMs = await keyToScreen(page, keys);
      jumpToEndMs.push(await jumpToEnd(page));
      pageThroughMs.push(await pageThrough(page));
      console.log(
        `  run ${run + 1}: first screen editable ${timeToEditableMs.at(-1)?.toFixed(0)} ms, end ${jumpToEndMs.at(-1)?.toFixed(0)} ms after the jump, all ${CLAUSE_COUNT} paged through in ${pageThroughMs.at(-1)?.toFixed(0)} ms`,
      );
      await context.close();
    }
    return {
      clauses: CLAUSE_COUNT,
      participants: delegations.length,
      timeToEditableMs,
      jumpToEndMs,
      pageThroughMs,
      keyToScreenMs,
    };
  } finally {
    for (const timer of timers) clearInterval(timer);
    for (const other of others) other.close();
    await browser?.close();
    await server.stop();
  }
}

/** The figures beside their targets (the issue's), as `npm run bench` prints them. */
export function printRoomResult(result: RoomBenchResult): void {
  const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
  const median = (v: number[]) => sorted(v)[Math.floor(v.length / 2)] ?? Number.NaN;
  const pct = (v: number[], p: number) => sorted(v)[Math.min(v.length - 1, Math.floor(v.length * p))] ?? Number.NaN;
  const runs = (v: number[]) => v.map((x) => x.toFixed(0)).join(', ');
  console.log(
    `\nThe room in Chromium: ${result.clauses} clauses, ${result.participants} delegations connected, the other ${result.participants - 1} each typing ${OTHER_EDITS_PER_SECOND} characters a second` +
      `\n  first screen editable after opening: median ${median(result.timeToEditableMs).toFixed(0)} ms (runs ${runs(result.timeToEditableMs)}); target under 2000 ms` +
      `\n  every clause editable, paging through from the top a screen a frame: median ${median(result.pageThroughMs).toFixed(0)} ms (runs ${runs(result.pageThroughMs)})` +
      `\n  a jump to the end, to the clauses there editable: median ${median(result.jumpToEndMs).toFixed(0)} ms (runs ${runs(result.jumpToEndMs)})` +
      `\n  key press to character on screen: p50 ${pct(result.keyToScreenMs, 0.5).toFixed(1)} ms, p95 ${pct(result.keyToScreenMs, 0.95).toFixed(1)} ms, max ${pct(result.keyToScreenMs, 1).toFixed(1)} ms over ${result.keyToScreenMs.length} keys; target under 50 ms`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printRoomResult(await runRoomInChromium(3, 60));
  process.exit(0);
}
