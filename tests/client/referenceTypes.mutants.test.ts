/**
 * A reference given as a value must be an object: a function dressed up with the fields of a valid
 * reference (a function's `name` is a string, and can be redefined) is refused like any other value that is
 * not a name or a reference, for an operation and for a parent.
 */
import { InvalidNameError, OperationsClient } from "../../provider/google";

const client = new OperationsClient({ service: "clouddeploy", credentials: { accessToken: "reference-types-token" } });

function dressedFunction({ name, ...fields }: Record<string, string>): () => void {
    const fn = function () {};
    Object.defineProperty(fn, "name", { value: name });
    return Object.assign(fn, fields);
}

test("a function with an operation reference's fields is refused as an operation", () => {
    const fake = dressedFunction({ name: "projects/my-proj/locations/us-central1/operations/op-1", project: "my-proj", location: "us-central1", operation: "op-1" });
    const resolve = () => client.resolveOperation(fake as never);
    expect(resolve).toThrow(InvalidNameError);
    expect(resolve).toThrow("operation must be a name such as projects/{project}/locations/{location}/operations/{operation} (or a reference parsed from one)");
});

test("a function with a parent reference's fields is refused as a parent", () => {
    const fake = dressedFunction({ name: "projects/my-proj/locations/us-central1", project: "my-proj", location: "us-central1" });
    const resolve = () => client.resolveParent(fake as never);
    expect(resolve).toThrow(InvalidNameError);
    expect(resolve).toThrow("parent must be a name such as projects/{project}/locations/{location} (or a reference parsed from one)");
});
