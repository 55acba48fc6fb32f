/**
 * The selection as a predicate, on operations built by hand (shapes the emulator cannot produce).
 */
import { parseParentName } from "../../provider/google";
import type { Operation } from "../../provider/google/types";
import { compileSelection } from "../../provider/sweep";

const parent = parseParentName("projects/my-project/locations/us-central1");
const op = (metadata: Record<string, unknown> | undefined, done = false): Operation =>
    ({ name: "projects/my-project/locations/us-central1/operations/x", ...(done ? { done: true } : {}), ...(metadata ? { metadata } : {}) }) as Operation;

const now = Date.now();

test("olderThan never selects an operation without metadata.createTime (its age is unknown)", () => {
    const select = compileSelection({ olderThanMs: 60_000 }, parent);
    expect(select(op({ verb: "create" }), now)).toBe(false);
    expect(select(op(undefined), now)).toBe(false);
    expect(select(op({ createTime: "not a time" }), now)).toBe(false);
    expect(select(op({ createTime: new Date(now - 3_600_000).toISOString() }), now)).toBe(true);
    expect(select(op({ createTime: new Date(now - 1_000).toISOString() }), now)).toBe(false);
});

test("a done operation is never selected, whatever else matches", () => {
    expect(compileSelection({}, parent)(op({ createTime: new Date(0).toISOString() }, true), now)).toBe(false);
    expect(compileSelection({}, parent)(op({}), now)).toBe(true);
});

test("a target or target-prefix selection never selects an operation without metadata.target", () => {
    const pipeline = "projects/my-project/locations/us-central1/deliveryPipelines/web";
    for (const selection of [{ target: pipeline }, { targetPrefix: pipeline }]) {
        const select = compileSelection(selection, parent);
        expect(select(op({ verb: "create" }), now)).toBe(false);
        expect(select(op(undefined), now)).toBe(false);
        expect(select(op({ target: 42 }), now)).toBe(false);
        expect(select(op({ target: pipeline }), now)).toBe(true);
    }
});
