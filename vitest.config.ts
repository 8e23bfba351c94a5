// Root test configuration: every unit, integration and repository test in the workspace.
// Browser tests live in e2e/ with their own configuration (npm run e2e).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{packages,modules,apps}/*/src/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['./packages/db/src/testing/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
