/** Jest runs the compiled tests (npm test builds first), so the Pulumi closure serializer sees real CommonJS. */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/dist/tests"],
    testMatch: ["**/*.test.js"],
    // The tests are compiled by tsc already; Babel would only reformat the code Pulumi serializes.
    transform: {},
    testTimeout: 120000,
    maxWorkers: 2,
};
