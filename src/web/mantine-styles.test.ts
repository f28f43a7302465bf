import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const web = import.meta.dirname;
const stylesDir = path.resolve(web, '../../node_modules/@mantine/core/styles');
const listedIn = (file: string) => [...fs.readFileSync(path.join(web, file), 'utf8').matchAll(/@mantine\/core\/styles\/([\w-]+)\.css/g)].map((match) => match[1]!);
const frame = listedIn('mantine-styles.ts');
const pages = listedIn('mantine-page-styles.ts');

/** The components a source imports from @mantine/core. */
function mantineImports(source: string): string[] {
  return [...source.matchAll(/import \{([^}]+)\} from '@mantine\/core'/g)].flatMap(([, list]) =>
    list!
      .split(',')
      .map((part) => part.trim().replace(/^type /, ''))
      .filter((name) => /^[A-Z]/.test(name)),
  );
}

const withStylesheet = (name: string) => fs.existsSync(path.join(stylesDir, `${name}.css`));

/** The components the app's sources import from @mantine/core. */
function importedComponents(): string[] {
  const files = fs.readdirSync(web, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.test.ts'));
  return [...new Set(files.flatMap((file) => mantineImports(fs.readFileSync(path.join(web, file), 'utf8'))))];
}

/**
 * The components the frame and the login page import: the sources reachable from main.tsx and the
 * pages that show only the frame, by static and dynamic imports (the header's menu and drawer),
 * but not the other pages that router.tsx fetches.
 */
function frameComponents(): string[] {
  const router = fs.readFileSync(path.join(web, 'router.tsx'), 'utf8');
  const framePages = [...router.matchAll(/import\('\.\/([^']+)'\), \(m\) => m\.\w+, 'frame'\)/g)].map((match) => path.join(web, match[1]!));
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !/\.tsx?$/.test(file)) return;
    seen.add(file);
    const source = fs.readFileSync(file, 'utf8');
    const imported = file.endsWith('router.tsx') ? source.replace(/import\('[^']+'\)/g, '') : source;
    for (const [, relative] of imported.matchAll(/(?:from |import\()'(\.[^']+)'/g)) visit(path.resolve(path.dirname(file), relative!));
  };
  for (const start of [path.join(web, 'main.tsx'), ...framePages]) visit(start);
  expect(framePages.length).toBeGreaterThan(0);
  return [...new Set([...seen].flatMap((file) => mantineImports(fs.readFileSync(file, 'utf8'))))];
}

/** Mantine's components in the order of its full stylesheet. */
function mantineOrder(): string[] {
  const full = fs.readFileSync(path.join(stylesDir, '../styles.css'), 'utf8');
  const names = fs
    .readdirSync(stylesDir)
    .filter((file) => file.endsWith('.css') && !file.endsWith('.layer.css'))
    .map((file) => file.slice(0, -'.css'.length))
    .filter((name) => !['baseline', 'default-css-variables', 'global'].includes(name));
  const position = (name: string) => full.indexOf(fs.readFileSync(path.join(stylesDir, `${name}.css`), 'utf8').trim().slice(0, 300));
  return names.sort((a, b) => position(a) - position(b));
}

describe('the Mantine styles the app loads', () => {
  it('include the stylesheet of every component the app imports', () => {
    const missing = importedComponents().filter((name) => withStylesheet(name) && !frame.includes(name) && !pages.includes(name));
    expect(missing).toEqual([]);
  });

  it('include with the frame’s the stylesheet of every component the frame and the login page import', () => {
    const frameImports = frameComponents();
    expect(frameImports).toEqual(expect.arrayContaining(['Button', 'PasswordInput', 'NativeSelect']));
    expect(frameImports.filter((name) => withStylesheet(name) && !frame.includes(name))).toEqual([]);
  });

  it('start with the global files, in the order Mantine requires', () => {
    expect(frame.slice(0, 3)).toEqual(['baseline', 'default-css-variables', 'global']);
  });

  it('keep the order of Mantine’s full stylesheet, so the cascade does not change', () => {
    const order = mantineOrder();
    for (const list of [frame.slice(3), pages]) {
      expect(list.every((name) => order.includes(name))).toBe(true);
      expect(list).toEqual([...list].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    }
  });

  it('leave to the pages’ only components nothing is built on, so arriving last changes no cascade', () => {
    // Mantine's order is alphabetical but for the components others are built on, which it moves
    // before their first user: those are the ones followed by a name that sorts before them.
    const order = mantineOrder();
    const builtOn = order.filter((name, index) => order.slice(index + 1).some((later) => later.localeCompare(name, 'en') < 0));
    expect(builtOn).toEqual(expect.arrayContaining(['UnstyledButton', 'Input', 'Popover', 'ModalBase', 'Text', 'Combobox', 'Checkbox']));
    expect(pages.filter((name) => builtOn.includes(name))).toEqual([]);
  });
});
