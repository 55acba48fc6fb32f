/**
 * The hidden URN input of the resource classes (see `./urn`), computed in the Pulumi program.
 *
 * @packageDocumentation
 */
import * as pulumi from "@pulumi/pulumi";
import { URN_KEY } from "./urn";

/**
 * `{ __urn: <the resource's URN> }`, for the inputs of a dynamic resource of `type` named `name`.
 *
 * The value must not depend on the parent: an input that depends on a component makes the resource
 * wait for every other child of that component (the SDK expands a component into its children), which
 * deadlocks as soon as a sibling `dependsOn` this resource. So the URN computed by `pulumi.createUrn`
 * (from the parent's URN, which the SDK awaits for registration anyway) is handed over as a plain value.
 *
 * @param name - The resource's name.
 * @param type - Its full type token, `pulumi-nodejs:dynamic/<module>:<Type>`.
 * @param parent - `opts.parent`, if any.
 */
export function hiddenUrnInput(name: string, type: string, parent: pulumi.Resource | undefined): { [URN_KEY]: pulumi.Output<string> } {
    const urn = pulumi.createUrn(name, type, parent);
    const value = new Promise<string>((resolve) => {
        urn.apply((u) => {
            resolve(u);
            return u;
        });
    });
    return { [URN_KEY]: pulumi.output(value) };
}
