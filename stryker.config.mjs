// @ts-check
/**
 * Mutation testing of the rules (`npm run test:mutation`, not part of `npm test`): who may do what,
 * the case states, passwords, TOTP, the lockout's timing and identifiers. The report goes to
 * reports/mutation/ (git-ignored). Stryker 9: Stryker 10 needs Node.js 22, the project runs on 20.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  mutate: [
    'src/server/**/*.policy.ts',
    'src/server/cases/case-state-machine.ts',
    'src/server/lib/passwords.ts',
    'src/server/lib/totp.ts',
    'src/server/auth/lockout.ts',
    'src/server/lib/identifiers.ts',
  ],
  testRunner: 'vitest',
  // Only the server tests that reach these modules, never the browser project (see that file).
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  // No type checker: @stryker-mutator/typescript-checker does not run with TypeScript 7.
  checkers: [],
  // Stryker rewrites the sandbox's tsconfig.json through TypeScript's JavaScript API, which TypeScript 7
  // no longer has; ours needs no rewriting (no "extends" or "references"), so point Stryker at none.
  tsconfigFile: 'no-tsconfig-rewrite.json',
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // argon2 hashing makes tests CPU-bound; a busy machine should not turn a slow run into a "timeout" kill.
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // The sandbox copies the project; the app's data, browser stories and benchmarks are not needed.
  ignorePatterns: ['/data', '/e2e', '/bench', '/test-results', '/.scratch'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
