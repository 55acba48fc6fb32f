/**
 * Which processes are Pulumi's dynamic-provider host: the host script's path is matched only at a path
 * separator before `@pulumi` (engineLog.ts's HOST_SCRIPT). The pattern is a module constant: engineLog.ts
 * is loaded inside the test so that the mutation run counts the test as reaching it (tests/dynamic/
 * engineLog.test.ts checks the same paths but, loading the module at the top, was not credited).
 */
import type { hostEngineAddress as HostEngineAddress } from "../../provider/dynamic/engineLog";

function freshHostEngineAddress(): typeof HostEngineAddress {
    let fn: typeof HostEngineAddress | undefined;
    jest.isolateModules(() => {
        fn = (require("../../provider/dynamic/engineLog") as { hostEngineAddress: typeof HostEngineAddress }).hostEngineAddress;
    });
    return fn!;
}

test.each([
    ["/app/node_modules/@pulumi/pulumi/cmd/dynamic-provider", "127.0.0.1:43121"],
    ["C:\\app\\node_modules\\@pulumi\\pulumi\\cmd\\dynamic-provider\\index.js", "localhost:5000"],
])("%s is the host; its engine is at %s", (script, address) => {
    expect(freshHostEngineAddress()(["node", script, address])).toBe(address);
});

test("a path where @pulumi does not start a directory is not the host", () => {
    expect(freshHostEngineAddress()(["node", "/app/node_modules/x@pulumi/pulumi/cmd/dynamic-provider", "127.0.0.1:1"])).toBeUndefined();
});

test("the host script may be named without its .js", () => {
    expect(freshHostEngineAddress()(["node", "/app/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index", "127.0.0.1:43121"])).toBe("127.0.0.1:43121");
});

test("the engine's address is a whole host and port: an IPv6 address in brackets, and nothing before the host", () => {
    const script = "/app/node_modules/@pulumi/pulumi/cmd/dynamic-provider";
    expect(freshHostEngineAddress()(["node", script, "[::1]:50051"])).toBe("[::1]:50051");
    expect(freshHostEngineAddress()(["node", script, "http://127.0.0.1:50051"])).toBeUndefined();
});
