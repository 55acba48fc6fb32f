/** Every wait in the demo has a deadline: a step that overruns fails with its name, never hangs. */

/** A step that did not finish in time. */
export class DeadlineError extends Error {
    constructor(what: string, ms: number) {
        super(`${what} did not finish within ${(ms / 1000).toFixed(0)} s`);
        this.name = "DeadlineError";
    }
}

/**
 * Resolves or rejects as `work` does, or rejects with a {@link DeadlineError} after `ms`.
 *
 * @param what - The step, for the message ("the first pulumi up").
 * @param ms - The deadline in milliseconds.
 * @param work - The step's promise.
 */
export async function withDeadline<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new DeadlineError(what, ms)), ms);
    });
    try {
        return await Promise.race([work, expired]);
    } finally {
        clearTimeout(timer);
    }
}
