import { defineConfig } from 'vitest/config';

// Tests always run in UTC (STYLE.md habit 8); set before any worker starts so they inherit it.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    // Forked workers inherit process.env as it is after globalSetup, which is how the harness's
    // self-signed CA reaches MSAL through NODE_EXTRA_CA_CERTS (read only at process start).
    pool: 'forks',
    globalSetup: ['test/harness/global-setup.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'tools/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    restoreMocks: true,
  },
});
