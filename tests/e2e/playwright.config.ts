import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.e2e.ts',
  globalSetup: './global-setup.ts',
  // One persistent Chromium per test file; the machine has two cores.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: '../../test-results',
  // Named so that `npm test` can time each browser's tests (scripts/test-stages.mjs).
  projects: [
    { name: 'chromium', testIgnore: 'firefox-*.e2e.ts' },
    { name: 'firefox', testMatch: 'firefox-*.e2e.ts' },
  ],
});
