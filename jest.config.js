/**
 * Jest runs in native ESM mode (`--experimental-vm-modules`, see the `test` script): middy 7 and
 * @platformatic/kafka ship ES modules only, and transpiling them to CommonJS breaks their `import.meta`.
 * @type {import('jest').Config}
 */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2023' }, module: { type: 'es6' } }] },
  globalSetup: '<rootDir>/test/setup/globalSetup.ts',
  globalTeardown: '<rootDir>/test/setup/globalTeardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/setup/jestSetup.ts'],
  // Generous: a workflow test synthesizes the app on first use (seconds alone; over a minute on a loaded, slow
  // machine, measured: importing and synthesizing the replay stack took 35 s beside a running suite).
  testTimeout: 300_000,
  // One broker, two cores: keep parallelism modest so Kafka-backed suites do not starve each other.
  maxWorkers: 2,
  // A worker that ran many files held 4–5 GB and slowed down by an order of magnitude (a replay workflow file:
  // 13 s alone, past 120 s late in a full run): recycle a worker once it holds more than this after a file.
  workerIdleMemoryLimit: '1536MB',
};
