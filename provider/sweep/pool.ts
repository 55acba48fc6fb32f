/**
 * Runs tasks with at most `limit` in flight. {@link TaskPool.start} waits for a free slot, so a
 * producer that awaits it (the page loop of a sweep) is held back while every slot is busy.
 */
export class TaskPool {
    private active = 0;
    private readonly waiters: Array<() => void> = [];
    private readonly running = new Set<Promise<void>>();

    constructor(private readonly limit: number) {}

    /** Tasks in flight now. */
    get inFlight(): number {
        return this.active;
    }

    /** Waits for a free slot, then starts `task` (a rejection is swallowed: a task records its own failures). */
    async start(task: () => Promise<void>): Promise<void> {
        while (this.active >= this.limit) await new Promise<void>((resolve) => this.waiters.push(resolve));
        this.active++;
        const run: Promise<void> = task()
            .catch(() => undefined)
            .finally(() => {
                this.active--;
                this.running.delete(run);
                this.waiters.shift()?.();
            });
        this.running.add(run);
    }

    /** Resolves once every started task has settled. */
    async drain(): Promise<void> {
        while (this.running.size > 0) await Promise.allSettled([...this.running]);
    }
}
