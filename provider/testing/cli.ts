/**
 * The `emulator` command: serve the Operations API emulator until SIGINT/SIGTERM.
 */
import { OperationsEmulator } from "./emulator";
import { loadSeedFile } from "./seed";
import type { EmulatorSeed } from "./types";

/** Options of {@link runEmulatorCommand}. */
export interface EmulatorCommandOptions {
    /** Listening port; default 0 (any free port). */
    port?: number;
    /** Listening address; default `127.0.0.1`. */
    host?: string;
    /** Path of a JSON seed file (`EmulatorSeed`). */
    seedFile?: string;
    /** Accepted bearer tokens; overrides the seed's. `[]`: any non-empty token. */
    tokens?: string[];
    /** Serve HTTPS with the built-in test certificate. */
    tls?: boolean;
    /** Stops the emulator when aborted (besides SIGINT/SIGTERM); for embedding and tests. */
    signal?: AbortSignal;
    /** Where the URL and token lines go; default `process.stdout`. */
    output?: NodeJS.WritableStream;
}

/**
 * Starts the emulator, prints its URL as the first line and which token to use as the second, and
 * serves until SIGINT, SIGTERM or `signal`; then stops cleanly and resolves.
 * Rejects (before listening) when the seed file is missing or invalid; the message names the field.
 */
export async function runEmulatorCommand(options: EmulatorCommandOptions = {}): Promise<void> {
    const seed: EmulatorSeed | undefined = options.seedFile ? await loadSeedFile(options.seedFile) : undefined;
    const emulator = new OperationsEmulator({ host: options.host, port: options.port, tokens: options.tokens, tls: options.tls, seed });
    const url = await emulator.start();
    const out = options.output ?? process.stdout;
    const tokens = emulator.acceptedTokens;
    out.write(`${url}\n`);
    out.write(
        tokens.length === 0
            ? "Any non-empty bearer token is accepted (Authorization: Bearer <token>).\n"
            : `Use the bearer token: export GOOGLE_OAUTH_ACCESS_TOKEN=${tokens[0]} (sent as Authorization: Bearer ${tokens[0]})\n`,
    );
    await new Promise<void>((resolve) => {
        const done = () => {
            process.off("SIGINT", done);
            process.off("SIGTERM", done);
            options.signal?.removeEventListener("abort", done);
            resolve();
        };
        process.on("SIGINT", done);
        process.on("SIGTERM", done);
        if (options.signal?.aborted) done();
        else options.signal?.addEventListener("abort", done);
    });
    await emulator.stop();
}
