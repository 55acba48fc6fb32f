/**
 * What a call ends with when it is expected to fail, for tests that check the error's class, fields and
 * whole message rather than a pattern.
 */

/** The value `run` throws; throws itself (failing the test) when `run` returns. */
export function thrownBy(run: () => unknown): unknown {
    try {
        run();
    } catch (err) {
        return err;
    }
    throw new Error("expected a throw, but the call returned");
}

/** The value `promise` rejects with; rejects itself (failing the test) when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
    try {
        await promise;
    } catch (err) {
        return err;
    }
    throw new Error("expected a rejection, but the promise resolved");
}
