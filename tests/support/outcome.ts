/**
 * What a call ends with when it is expected to fail, for tests that check the error's class, fields and
 * whole message rather than a pattern.
 */
import { InvalidNameError } from "../../provider/google";

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

/** What `run` refused a name with: the field the InvalidNameError names, and its whole message. */
export function nameRefusal(run: () => unknown): { field: string; message: string } {
    const error = thrownBy(run);
    expect(error).toBeInstanceOf(InvalidNameError);
    const { field, message } = error as InvalidNameError;
    return { field, message };
}
