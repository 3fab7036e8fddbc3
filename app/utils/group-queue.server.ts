/**
 * A queue per key that hands waiting work to a runner in groups, one group at a time per key.
 *
 * Used for bids on one lot (app/models/bidding/bid-queue.server.ts): a group of bids shares one
 * transaction and one commit, which is what lets a hot lot take more bids per second than one transaction per bid
 * allows (each commit waits for the disk; the lot's row lock makes commits on one lot take turns).
 * When the key is idle, the first item starts a group at once, so a lone bid waits for nothing;
 * items that arrive while a group runs form the next group. Waiting here holds no database
 * connection, so a crowd of bidders on one lot does not drain the pool for everyone else.
 *
 * A runner returns one result per item and may return `settled`, work to finish before the items'
 * callers hear their results (notices after a commit) that the next group need not wait for.
 */
export interface GroupRun<R> {
  results: R[];
  settled?: Promise<void>;
}

export type GroupRunner<T, R> = (key: string, items: T[]) => Promise<GroupRun<R>>;

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class GroupQueue<T, R> {
  private readonly waiting = new Map<string, Waiting<T, R>[]>();
  private readonly running = new Set<string>();

  constructor(
    private readonly runner: GroupRunner<T, R>,
    private readonly maxGroup = 200,
  ) {}

  push(key: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.waiting.get(key);
      if (queue) queue.push({ item, resolve, reject });
      else this.waiting.set(key, [{ item, resolve, reject }]);
      if (!this.running.has(key)) void this.next(key);
    });
  }

  /** Items waiting (not yet running) for `key`; for tests and metrics. */
  waitingFor(key: string): number {
    return this.waiting.get(key)?.length ?? 0;
  }

  private async next(key: string): Promise<void> {
    const queue = this.waiting.get(key);
    if (!queue || queue.length === 0) {
      this.waiting.delete(key);
      this.running.delete(key);
      return;
    }
    this.running.add(key);
    const group = queue.splice(0, this.maxGroup);
    if (queue.length === 0) this.waiting.delete(key);
    let run: GroupRun<R>;
    try {
      run = await this.runner(
        key,
        group.map((w) => w.item),
      );
      if (run.results.length !== group.length)
        throw new Error(`The runner answered ${run.results.length} of ${group.length} items.`);
    } catch (error) {
      for (const w of group) w.reject(error);
      void this.next(key);
      return;
    }
    void this.next(key);
    try {
      await run.settled;
    } catch {
      // After-commit work reports its own failures; the results stand.
    }
    for (const [i, w] of group.entries()) w.resolve(run.results[i]);
  }
}
