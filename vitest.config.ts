import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: integration files share one DynamoDB Local, so run files one after another.
    fileParallelism: false,
    env: { LOG_LEVEL: 'silent', AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1' },
  },
});
