/**
 * `npm run bench` "pages" step (issue 22): the JavaScript and CSS a browser must fetch before the
 * login page is usable, in gzip bytes, against the issue's 150 KB. Read from the build's manifest
 * (dist/web/.vite/manifest.json): the entry, the login page's lazy chunk and the heavier of the two
 * languages' strings, each with the chunks and stylesheets they import, measured by the .gz twins
 * the build writes. bench/lighthouse.ts, run after it, loads the pages in a throttled phone browser.
 */
import fs from 'node:fs';
import path from 'node:path';

type ManifestChunk = { file: string; imports?: string[]; css?: string[] };
type Manifest = Record<string, ManifestChunk>;

const TARGET_BYTES = 150 * 1024;
// Another build's folder may be named as the argument (to compare builds); by default the app's own.
const webRoot = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../dist/web'));
const LOGIN_MODULES = ['index.html', 'features/auth/pages/LoginPage.tsx'];
// The login page shows only the frame's part of a language's strings (src/web/i18n/load.ts).
const LANGUAGE_MODULES = ['i18n/frame/en.json', 'i18n/frame/ja.json'];

/** The files a module needs before it runs: its chunk, the chunks it imports statically, and their CSS. */
export function filesOf(manifest: Manifest, keys: string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of keys) visit(key);
  return files;
}

function gzipBytes(file: string): number {
  return fs.statSync(path.join(webRoot, `${file}.gz`)).size;
}

const manifestFile = path.join(webRoot, '.vite/manifest.json');
if (!fs.existsSync(manifestFile)) throw new Error('No build manifest: run `npm run build` first.');
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;

let worst = { language: '', bytes: 0, js: 0, css: 0 };
// Before the split both languages are in the entry and no language module exists: one row then.
for (const language of LANGUAGE_MODULES.filter((key) => key in manifest).concat(LANGUAGE_MODULES.some((key) => key in manifest) ? [] : ['(in the entry)'])) {
  const files = [...filesOf(manifest, [...LOGIN_MODULES, language])];
  const js = files.filter((file) => file.endsWith('.js')).reduce((sum, file) => sum + gzipBytes(file), 0);
  const css = files.filter((file) => file.endsWith('.css')).reduce((sum, file) => sum + gzipBytes(file), 0);
  if (js + css > worst.bytes) worst = { language, bytes: js + css, js, css };
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = worst.bytes <= TARGET_BYTES ? 'within' : 'OVER';
console.log(`\n## pages\nlogin page before it is usable (gzip, with ${path.basename(worst.language)}): JS ${kb(worst.js)} + CSS ${kb(worst.css)} = ${kb(worst.bytes)}, ${verdict} the ${kb(TARGET_BYTES)} target`);
