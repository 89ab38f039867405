import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.ts';
import type { ParseImportOutcome } from './parse/parse-import.ts';
import { answerAfterParserFault } from './parser-fault.ts';

/** Why an import could not be read in the worker: the caller answers the person with it. */
export class ImportBusyError extends Error {}
export class ImportTimeoutError extends Error {}

export interface ImportParserOptions {
  logger: Logger;
  /** A text that takes longer is given up and the worker replaced: the parser is linear, so only a pathological text can. */
  timeoutMs?: number;
  /** Texts waiting beyond the one being read; more are refused with "busy". */
  maxQueued?: number;
}

interface Pending {
  id: number;
  text: string;
  resolve: (outcome: ParseImportOutcome) => void;
  reject: (error: Error) => void;
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

  parse(text: string): Promise<ParseImportOutcome> {
    if (this.queue.length >= this.maxQueued) {
      return Promise.reject(new ImportBusyError('Too many imports are being read at once.'));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, text, resolve, reject });
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
    this.ensureWorker().postMessage({ id: pending.id, text: pending.text });
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(new URL('./import-worker-entry.mjs', import.meta.url));
    worker.unref();
    worker.on('message', (message: { id: number; outcome?: ParseImportOutcome; error?: string }) => {
      const current = this.current;
      if (current === null || current.pending.id !== message.id) return;
      if (message.outcome !== undefined) this.finish((p) => p.resolve(message.outcome as ParseImportOutcome));
      else {
        // The same answer as a fault in-process: the text as plain paragraphs, the fault logged.
        const fault = new Error(message.error ?? 'the import worker failed');
        this.finish((p) => p.resolve(answerAfterParserFault(p.text, this.options.logger, fault)));
      }
    });
    worker.on('error', (error: Error) => {
      this.options.logger.error('import worker failed', { error: error.message });
      this.worker = null;
      // Not in-process instead: a text that broke the worker would break the server. The person
      // gets the text as plain paragraphs, as for any parser fault.
      this.finish((p) => p.resolve(answerAfterParserFault(p.text, this.options.logger, error)));
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
