/** Compaction waits for this long a pause in a room's edits, so that it never stalls typing. */
const COMPACT_WHEN_QUIET_MS = 1000;
/** ...unless the log grows to this multiple of the threshold, when it compacts at once. */
const COMPACT_AT_ONCE_FACTOR = 4;

/**
 * When a room folds its update log into a snapshot: once the log holds `threshold` updates (or
 * `byteThreshold` bytes), at the next quiet second, or at once if it has grown far past that.
 * The compaction itself is the room's (`run`), queued with its messages so that it never
 * interleaves with an edit.
 */
export class CompactionSchedule {
  private logLength = 0;
  private logBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly threshold: number,
    private readonly byteThreshold: number,
    private readonly run: () => void,
  ) {}

  /** Whether the log is long enough to be worth compacting now. */
  get due(): boolean {
    return this.logLength >= this.threshold || this.logBytes >= this.byteThreshold;
  }

  /** Counts updates just appended to the log and, if the log is long, schedules a compaction. */
  appended(count: number, bytes: number): void {
    this.logLength += count;
    this.logBytes += bytes;
    this.schedule();
  }

  /** The log was loaded, reloaded or compacted, and now holds `length` updates of `bytes`. */
  reset(length: number, bytes: number): void {
    this.logLength = length;
    this.logBytes = bytes;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (!this.due || this.stopped) return;
    if (this.timer !== null) clearTimeout(this.timer);
    const atOnce = this.logLength >= this.threshold * COMPACT_AT_ONCE_FACTOR || this.logBytes >= this.byteThreshold;
    const delay = atOnce ? 0 : COMPACT_WHEN_QUIET_MS;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run();
    }, delay);
    this.timer.unref();
  }
}
