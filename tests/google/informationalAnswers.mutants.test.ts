/**
 * An informational answer (1xx, e.g. 103 Early Hints) that comes before the real one is skipped whole: its
 * status and headers are not the answer's, so a Content-Length it carries (over the response limit) does not
 * fail the call, which reads the final answer. undici hands 1xx heads to the exchange's handler; only the
 * exchange's `code < 200` check keeps them out.
 */
import type { Socket } from "node:net";
import { answerJson, hostileServer, type HostileServer } from "../hostile/server";
import { OP, hostileClient } from "../hostile/support";

let server: HostileServer | undefined;
afterEach(async () => {
    await server?.close();
    server = undefined;
});

function earlyHintsThen(socket: Socket, hintHeaders: string): void {
    socket.write(`HTTP/1.1 103 Early Hints\r\nlink: </style.css>; rel=preload\r\n${hintHeaders}\r\n`);
    answerJson(socket, 200, { name: OP, done: false, metadata: { "@type": "type.googleapis.com/google.cloud.deploy.v1.OperationMetadata", verb: "create" } });
}

test("a 103 that declares a body over the limit before the real answer does not fail the call", async () => {
    const hinting = (server = await hostileServer((socket) => earlyHintsThen(socket, "content-length: 999999999\r\n")));
    const client = hostileClient(hinting.url, { maxResponseBytes: 1024 });
    await expect(client.getOperation(OP)).resolves.toEqual({
        name: OP,
        done: false,
        metadata: { "@type": "type.googleapis.com/google.cloud.deploy.v1.OperationMetadata", verb: "create" },
    });
    expect(hinting.requests).toHaveLength(1);
});
