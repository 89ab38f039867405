/**
 * Which numbers of a draft's update log a room's doc holds. Numbers are per draft and gap-free
 * (PostgreSQL's log head), but they reach a room out of order: its own appends take numbers
 * between other instances' ones, and those arrive later by announcement or by reading the log.
 * So it keeps the highest number up to which every update is applied, and the ranges above it
 * applied already (its own), not a counter.
 */
export class AppliedSeqs {
  private through: number;
  /** Disjoint ranges above `through + 1`, in order. */
  private ahead: Array<{ first: number; last: number }> = [];

  constructor(through: number) {
    this.through = through;
  }

  /** Every update up to this number is applied. */
  get contiguous(): number {
    return this.through;
  }

  /** The highest number applied, with or without gaps below it. */
  get highest(): number {
    return this.ahead.at(-1)?.last ?? this.through;
  }

  /** Whether every update from `first` to `last` is applied. */
  covers(first: number, last: number): boolean {
    if (last <= this.through) return true;
    return this.ahead.some((range) => range.first <= first && last <= range.last);
  }

  /** Updates `first` to `last` are applied now. */
  add(first: number, last: number): void {
    if (last <= this.through) return;
    if (first <= this.through + 1) {
      this.through = last;
    } else {
      this.ahead.push({ first, last });
      this.ahead.sort((a, b) => a.first - b.first);
    }
    // Ranges the new one reached join it.
    for (;;) {
      const next = this.ahead[0];
      if (next === undefined || next.first > this.through + 1) break;
      this.through = Math.max(this.through, next.last);
      this.ahead.shift();
    }
  }

  /** The doc was rebuilt from storage: it holds everything up to `through`, and maybe more. */
  reset(through: number): void {
    this.through = Math.max(this.through, through);
    this.ahead = this.ahead.filter((range) => range.last > this.through);
    this.add(this.through, this.through);
  }
}
