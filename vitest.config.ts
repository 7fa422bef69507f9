import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'happy-dom',
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['fake-indexeddb/auto'],
    // A timeout only catches a test that hangs: how fast a busy machine runs a test must not decide whether it
    // passes (Vitest's 5 s default failed tests whose set-up alone took longer on a loaded 2-core machine).
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two files at once even on a 2-core machine (Vitest's default there is one): the corpus test spends minutes
    // reading pages, and the other files run beside it instead of after it.
    maxWorkers: 2,
  },
});
