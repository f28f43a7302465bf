import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

describe('the Node.js versions package.json declares', () => {
  const declared: string = readJson('package.json').engines.node;

  it('are ones every installed package supports, so the declaration is true and npm install prints no EBADENGINE', () => {
    const packages: Record<string, { version?: string; engines?: { node?: string } }> = readJson('package-lock.json').packages;
    // Optional packages for other platforms (sharp's Windows binaries, say) are never installed here.
    const installed = (where: string) => fs.existsSync(path.join(root, where));
    const unsupported = Object.entries(packages)
      .filter(([where, pkg]) => pkg.engines?.node && installed(where) && !semver.subset(declared, pkg.engines.node))
      .map(([where, pkg]) => `${where.replace(/^.*node_modules\//, '')}@${pkg.version} wants ${pkg.engines!.node}`);
    expect(unsupported).toEqual([]);
  });

  it('include the Node.js running the tests (the version on these machines)', () => {
    expect(semver.satisfies(process.version, declared)).toBe(true);
  });
});
