/**
 * How `undiciAgent()` picks undici's `Agent`: the agent's own module when it exports a class, the index
 * otherwise. In-process (a fresh module registry per test) so that each branch is seen; which files a real
 * process loads is `tests/overhead/lazyUndici.test.ts`.
 */
type Loader = typeof import("../../provider/google/undici");

const AGENT_MODULE = "undici/lib/dispatcher/agent";

/**
 * The loader in a fresh module registry, with the agent's module and undici's index replaced by marked
 * stand-ins; `use` runs inside that registry (the loader requires lazily, at its first call).
 */
function withLoader<T>(agentModule: () => unknown, use: (loader: Loader, index: { Agent: unknown }) => T): T {
    const index = { Agent: class IndexAgent {} };
    let result!: T;
    jest.isolateModules(() => {
        jest.doMock(AGENT_MODULE, agentModule);
        jest.doMock("undici", () => index);
        result = use(require("../../provider/google/undici") as Loader, index);
    });
    return result;
}

afterEach(() => {
    jest.dontMock(AGENT_MODULE);
    jest.dontMock("undici");
});

test("the class the agent module exports is the one used (not the index's), and it is loaded once", () => {
    const marker = class MarkedAgent {};
    const factory = jest.fn(() => marker);
    const [first, second, index] = withLoader(factory, (loader, index) => [loader.undiciAgent(), loader.undiciAgent(), index.Agent]);
    expect(first).toBe(marker);
    expect(second).toBe(marker);
    expect(index).not.toBe(marker);
    expect(factory).toHaveBeenCalledTimes(1);
});

test("an agent module that exports something other than a class falls back to the index's Agent", () => {
    const [agent, index] = withLoader(() => ({ Agent: "not a class" }), (loader, index) => [loader.undiciAgent(), index.Agent]);
    expect(agent).toBe(index);
});

test("an agent module that cannot load falls back to the index's Agent", () => {
    const failing = () => {
        throw new Error("Cannot find module 'undici/lib/dispatcher/agent'");
    };
    const [agent, index] = withLoader(failing, (loader, index) => [loader.undiciAgent(), index.Agent]);
    expect(agent).toBe(index);
});
