import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Unit tests run before the API tests: Stryker stops at the first failure, and a mutant of a table
 * read at load time (a static mutant) runs every file, so a unit test that kills it in milliseconds
 * spares the seconds each API file spends building an app and its database.
 */
class UnitTestsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const isApi = (file: TestSpecification) => Number(file.moduleId.endsWith('.api.test.ts'));
    return [...files].sort((a, b) => isApi(a) - isApi(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

/**
 * The tests Stryker runs (`npm run test:mutation`, stryker.config.mjs): the unit tests of the mutated
 * modules and the API tests that reach them through the routes. Not the browser stories, nor server
 * tests that never load these modules or only do so in a child process (cli.test.ts), nor the
 * property-based test, whose random runs would kill a mutant one run and not the next.
 */
export default defineConfig({
  test: {
    include: [
      'src/server/**/*.api.test.ts',
      'src/server/**/*.policy.test.ts',
      'src/server/cases/case-state-machine.test.ts',
      'src/server/cases/case-numbers.test.ts',
      'src/server/lib/passwords.test.ts',
      'src/server/lib/totp.test.ts',
      'src/server/lib/identifiers.test.ts',
      'src/server/auth/lockout.test.ts',
      'src/server/auth/sign-in-throttle.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    sequence: { sequencer: UnitTestsFirst },
  },
});
