// Two projects: unit specs beside the code (ts-jest on the sources), and
// end-to-end specs that start the built apps as processes (see test/support).
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json', diagnostics: false }] },
  moduleNameMapper: {
    '^@app/(common|contracts|platform|observability)$': '<rootDir>/libs/$1/src',
    '^@app/observability/telemetry$': '<rootDir>/libs/observability/src/telemetry',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      // Every answer of a gateway the specs start is checked against its OpenAPI document.
      setupFilesAfterEnv: ['<rootDir>/test/support/contract.setup.ts'],
    },
  ],
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/test/support/summary.reporter.js'],
};
