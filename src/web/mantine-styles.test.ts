import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const web = import.meta.dirname;
const stylesDir = path.resolve(web, '../../node_modules/@mantine/core/styles');
const listed = new Set([...fs.readFileSync(path.join(web, 'mantine-styles.ts'), 'utf8').matchAll(/@mantine\/core\/styles\/([\w-]+)\.css/g)].map((match) => match[1]));

/** The components the app's sources import from @mantine/core. */
function importedComponents(): string[] {
  const names = new Set<string>();
  for (const file of fs.readdirSync(web, { recursive: true, encoding: 'utf8' })) {
    if (!/\.tsx?$/.test(file) || file.endsWith('.test.ts')) continue;
    const source = fs.readFileSync(path.join(web, file), 'utf8');
    for (const [, list] of source.matchAll(/import \{([^}]+)\} from '@mantine\/core'/g)) {
      for (const name of list!.split(',').map((part) => part.trim().replace(/^type /, ''))) if (/^[A-Z]/.test(name)) names.add(name);
    }
  }
  return [...names];
}

describe('the Mantine styles the app loads', () => {
  it('include the stylesheet of every component the app imports', () => {
    const missing = importedComponents().filter((name) => fs.existsSync(path.join(stylesDir, `${name}.css`)) && !listed.has(name));
    expect(missing).toEqual([]);
  });

  it('start with the global files, in the order Mantine requires', () => {
    expect([...listed].slice(0, 3)).toEqual(['baseline', 'default-css-variables', 'global']);
  });

  it('keep the order of Mantine’s full stylesheet, so the cascade does not change', () => {
    const full = fs.readFileSync(path.join(stylesDir, '../styles.css'), 'utf8');
    const positions = [...listed].slice(3).map((name) => full.indexOf(fs.readFileSync(path.join(stylesDir, `${name}.css`), 'utf8').trim().slice(0, 300)));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});
