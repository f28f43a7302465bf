import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // argon2 hashing is CPU-bound; two workers match the two cores we have.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file starts its own portal, mail server and browser; a story mostly waits on the
          // browser, so two files at a time keep both cores busy (one at a time left them 60% idle).
          maxWorkers: 2,
        },
      },
    ],
  },
});
