/**
 * A tiny dynamic resource whose provider makes the engine's choices visible, for scenarios run on both the
 * real engine and the project's engine simulator (tests/engine/parity.test.ts). Self-contained: Pulumi
 * serializes the provider by value into each resource's state.
 */
import * as pulumi from "@pulumi/pulumi";

/** Inputs: `value` (a diff counts it), `note` (a diff ignores it), `failInit`/`fail` (make create fail). */
export interface ParityArgs {
    value: pulumi.Input<string>;
    note?: pulumi.Input<string>;
    /** Create fails with an init error: the resource is kept in state, partially created. */
    failInit?: pulumi.Input<boolean>;
    /** Create fails outright. */
    fail?: pulumi.Input<boolean>;
}

const parityProvider: pulumi.dynamic.ResourceProvider = {
    async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
        return { changes: olds.value !== news.value };
    },
    async create(inputs: Record<string, unknown>) {
        const id = `parity-${String(inputs.value)}`;
        if (inputs.fail === true) throw new Error("parity: create failed");
        if (inputs.failInit === true) {
            throw Object.assign(new Error("parity: initialization failed"), { id, properties: { ...inputs, stage: "created-partially" }, reasons: ["parity reason"] });
        }
        return { id, outs: { ...inputs, stage: "created" } };
    },
    async update(_id: string, _olds: Record<string, unknown>, news: Record<string, unknown>) {
        return { outs: { ...news, stage: "updated" } };
    },
    async read(id: string, props: Record<string, unknown>) {
        return { id, props: { ...props, stage: `${String(props.stage)}+read` } };
    },
};

/** The resource. */
export class ParityThing extends pulumi.dynamic.Resource {
    public readonly stage!: pulumi.Output<string>;

    constructor(name: string, args: ParityArgs, opts?: pulumi.CustomResourceOptions) {
        super(parityProvider, name, { ...args, stage: undefined }, opts, "gcpops-test", "ParityThing");
    }
}
