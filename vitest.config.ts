import { defineConfig } from 'vitest/config';

/** One DynamoDB Local (in memory) per project that has tests needing it; each test file makes its own tables. */
const DYNAMODB_LOCAL = ['test/support/globalSetup.ts'];

/**
 * Pure code, but seconds a file: counts at the sizes the limits allow, and properties drawn
 * thousands of times. They run with the integration tests, so that the unit project stays a
 * matter of seconds.
 */
const SLOW_UNIT_TESTS = [
  'test/unit/counting/hostileFiles.test.ts',
  'test/unit/counting/properties.test.ts',
  'test/unit/prototypeNames.test.ts',
  'test/web/prototypeNames.test.ts',
  // The sealed box's mixes and key ceremonies: seconds of group arithmetic each.
  'test/unit/crypto/keyCeremony.test.ts',
  'test/unit/crypto/shuffle.test.ts',
  'test/unit/crypto/sealedBox.test.ts',
  'test/unit/crypto/sealedBoxMultiset.test.ts',
  'test/web/trusteeSecrets.test.ts',
  'test/unit/cli/sealedFlows.test.ts',
  'test/unit/sealedBox/parallelVerification.test.ts',
];

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summaryReporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two files at a time, across all projects: most of a file's time is waiting (voting windows,
    // SES's pace, a browser), and every file has its own tables in the one DynamoDB Local and its
    // own ports (freePort.ts).
    fileParallelism: true,
    maxWorkers: 2,
    env: { LOG_LEVEL: 'silent', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Each project takes the options above (`extends: true`). The root names no files and no
    // global setup: the root's global setup would run for every project, the unit project's too.
    projects: [
      {
        extends: true,
        test: {
          // The domain, the adapters against mocks and their in-memory twins, the pages' modules in
          // node, the docs' links: no database, no process, no network, each test well under a
          // second (`npm run test:unit`).
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/web/**/*.test.ts', 'test/contract/memory.test.ts', 'test/docs/**/*.test.ts'],
          exclude: SLOW_UNIT_TESTS,
          // Its files change no global and share a worker's loaded modules: loading the domain
          // again for every file took most of the project's time.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // Real DynamoDB Local (the ports' contract on it too), cognito-local, the workflow on the local runner, audit exports, the CDK stack, the CLI as its own process.
          name: 'integration',
          include: [
            'test/integration/**/*.test.ts',
            'test/contract/dynamo.test.ts',
            // The member directory's contract on a cognito-local of its own.
            'test/contract/cognito.test.ts',
            'test/workflow/**/*.test.ts',
            'test/audit/**/*.test.ts',
            'test/infra/**/*.test.ts',
            'test/cli/**/*.test.ts',
            ...SLOW_UNIT_TESTS,
          ],
          globalSetup: DYNAMODB_LOCAL,
        },
      },
      // `npm start`'s stack, spawned as its own process with its own DynamoDB Local.
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
      // Debian's chromium against a spawned stack, or against the stack built in the test's process.
      {
        extends: true,
        // A page redrawn on two cores busy with a full run takes more than the 1 s expect.poll waits by default.
        test: { name: 'browser', include: ['test/browser/**/*.test.ts'], globalSetup: DYNAMODB_LOCAL, expect: { poll: { timeout: 10_000 } } },
      },
    ],
  },
});
