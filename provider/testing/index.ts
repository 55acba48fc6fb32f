/**
 * `pulumi-gcp-operations/testing`: a local emulator of Google's long-running Operations REST API.
 */
import "../util/requireSupportedNode";
export { OperationsEmulator, DEFAULT_TOKEN, type WireOperation } from "./emulator";
export { NAME_TEMPLATES, parseName, canonicalName, type NameTemplate, type ParsedName, type CancelStyle } from "./nameTemplates";
export { shapeOfService, type WireShape } from "./operationState";
export { runEmulatorCommand, type EmulatorCommandOptions } from "./cli";
export { loadSeedFile, validateSeed, validateOperation, validateFaultRule, validateFault, SeedError } from "./seed";
export { CANCELLED_ERROR } from "./operationState";
export { parseFilter, FilterError, type Restriction, type FilterField } from "./filter";
export { projectNumber, parseOperationName, serviceBehaviour, type OperationNameParts, type ServiceBehaviour } from "./serviceShapes";
export { TEST_CA_CERT, TEST_SERVER_CERT, TEST_SERVER_KEY } from "./tlsFixture";
export {
    RPCS,
    type Rpc,
    type ScriptedOperation,
    type ScriptedResult,
    type ScriptedError,
    type Fault,
    type FaultMatch,
    type FaultRule,
    type EmulatorSeed,
    type ServiceDefaults,
    type EmulatorOptions,
    type RequestLogEntry,
    type RequestFilter,
} from "./types";
