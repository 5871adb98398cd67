import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    reporters: ['default', './test/support/summaryReporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two files at a time: most of a file's time is waiting (voting windows, SES's pace, a browser),
    // and every file has its own tables in the one DynamoDB Local and its own ports (freePort.ts).
    fileParallelism: true,
    maxWorkers: 2,
    env: { LOG_LEVEL: 'silent', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
