import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.ts';
import type { ParseImportOutcome } from './parse/parse-import.ts';
import { answerAfterParserFault } from './parser-fault.ts';

/**
 * The worker's file: run from source (tsx, in development and tests) it is the entry that
 * registers tsx in the worker first; in the built server (`dist/server`, see
 * vite.server.config.ts) it is the compiled worker beside this code.
 */
const WORKER_FILE = import.meta.url.endsWith('.ts') ? './import-worker-entry.mjs' : './import-worker.js';

/** Why an import could not be read in the worker: the caller answers the person with it. */
export class ImportBusyError extends Error {}
export class ImportTimeoutError extends Error {}
/** The worker ran out of its memory: a .docx that unpacks to far more than it declared. */
export class ImportTooLargeError extends Error {}
/** mammoth could not read the .docx; the message says why. */
export class ImportUnreadableError extends Error {}

/** The heap one import may take: many times a 2 MB text, far below what would hurt the server. */
const WORKER_HEAP_MB = 256;

export interface ImportParserOptions {
  logger: Logger;
  /** A text that takes longer is given up and the worker replaced: the parser is linear, so only a pathological text can. */
  timeoutMs?: number;
  /** Texts waiting beyond the one being read; more are refused with "busy". */
  maxQueued?: number;
}

interface Pending {
  id: number;
  job: { text: string } | { docx: Uint8Array };
  resolve: (outcome: ParseImportOutcome) => void;
  reject: (error: Error) => void;
}

/** What the worker answers (see import-worker.ts). */
interface WorkerAnswer {
  id: number;
  outcome?: ParseImportOutcome;
  unreadable?: string;
  error?: string;
  text?: string;
}

/**
 * Reads imports one at a time in a worker thread, so that no text, however large or odd, holds
 * up the rooms. A parser fault still gives the text as plain paragraphs (see `answerAfterParserFault`).
 */
export class ImportParser {
  private worker: Worker | null = null;
  private readonly queue: Pending[] = [];
  private current: { pending: Pending; timer: NodeJS.Timeout } | null = null;
  private nextId = 1;
  private readonly timeoutMs: number;
  private readonly maxQueued: number;

  constructor(private readonly options: ImportParserOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxQueued = options.maxQueued ?? 8;
  }

  /** Reads a pasted (or uploaded) text. */
  parse(text: string): Promise<ParseImportOutcome> {
    return this.enqueue({ text });
  }

  /**
   * Unpacks a .docx (already checked by its zip directory) and reads its text; rejects with
   * `ImportUnreadableError` or `ImportTooLargeError`.
   */
  parseDocx(docx: Uint8Array): Promise<ParseImportOutcome> {
    return this.enqueue({ docx });
  }

  private enqueue(job: Pending['job']): Promise<ParseImportOutcome> {
    if (this.queue.length >= this.maxQueued) {
      return Promise.reject(new ImportBusyError('Too many imports are being read at once.'));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.next();
    });
  }

  async close(): Promise<void> {
    for (const pending of this.queue.splice(0)) pending.reject(new ImportBusyError('The server is stopping.'));
    await this.worker?.terminate();
    this.worker = null;
  }

  private next(): void {
    if (this.current !== null) return;
    const pending = this.queue.shift();
    if (pending === undefined) return;
    const timer = setTimeout(() => this.giveUp(), this.timeoutMs);
    this.current = { pending, timer };
    this.ensureWorker().postMessage({ id: pending.id, ...pending.job });
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(new URL(WORKER_FILE, import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    worker.unref();
    worker.on('message', (message: WorkerAnswer) => {
      const current = this.current;
      if (current === null || current.pending.id !== message.id) return;
      if (message.outcome !== undefined) this.finish((p) => p.resolve(message.outcome as ParseImportOutcome));
      else if (message.unreadable !== undefined) {
        const reason = message.unreadable;
        this.finish((p) => p.reject(new ImportUnreadableError(reason)));
      } else {
        // The same answer as a fault in-process: the text as plain paragraphs, the fault logged.
        const fault = new Error(message.error ?? 'the import worker failed');
        const text = message.text ?? ('text' in current.pending.job ? current.pending.job.text : '');
        this.finish((p) => p.resolve(answerAfterParserFault(text, this.options.logger, fault)));
      }
    });
    worker.on('error', (error: Error) => {
      this.options.logger.error('import worker failed', { error: error.message });
      this.worker = null;
      // Not in-process instead: an import that broke the worker would break the server.
      if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.finish((p) =>
          p.reject(new ImportTooLargeError('The import needed more memory than one import may have.')),
        );
        return;
      }
      // The person gets a text as plain paragraphs, as for any parser fault; a .docx is unreadable.
      this.finish((p) =>
        'text' in p.job
          ? p.resolve(answerAfterParserFault(p.job.text, this.options.logger, error))
          : p.reject(new ImportUnreadableError(error.message)),
      );
    });
    this.worker = worker;
    return worker;
  }

  private giveUp(): void {
    this.options.logger.warn('import took too long; worker replaced', { ms: this.timeoutMs });
    void this.worker?.terminate();
    this.worker = null;
    this.finish((p) => p.reject(new ImportTimeoutError('The text took too long to read.')));
  }

  private finish(settle: (pending: Pending) => void): void {
    const current = this.current;
    if (current === null) return;
    clearTimeout(current.timer);
    this.current = null;
    settle(current.pending);
    this.next();
  }
}
