import { configDefaults, defineConfig } from 'vitest/config';

// Files that need modules of their own: one mocks argon2; the others read the registry of named
// statements, which a bounded number of statements fills (other files' queries would take its places).
const needOwnModules = ['src/server/lib/passwords.test.ts', 'src/server/cases/cases.repository.test.ts', 'src/server/db/database.test.ts', 'src/server/db/prepared.test.ts'];

const server = {
  environment: 'node' as const,
  testTimeout: 30_000,
  hookTimeout: 60_000,
  // argon2 hashing is CPU-bound; two workers match the two cores we have.
  maxWorkers: 2,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...server,
          name: 'server',
          include: ['src/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...needOwnModules],
          // Test files in a worker share loaded modules: loading the app anew for each file was most of
          // the server tests' CPU time (a run of eight API test files: 50 s → 24 s of CPU).
          isolate: false,
        },
      },
      { test: { ...server, name: 'server-isolated', include: needOwnModules } },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/chromium.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file starts its own portal and mail server, and contexts in the shared browser; a story
          // mostly waits on the browser, so two files at a time keep both cores busy (one at a time
          // left them 60% idle).
          maxWorkers: 2,
          // As for the server's files: loading the app anew for each file cost about a second of CPU a file.
          isolate: false,
        },
      },
    ],
  },
});
