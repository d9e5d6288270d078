#!/usr/bin/env node
// `npm run build:tab`: bundles the tab pages with esbuild into dist/tab/<page>.js (+ .css when a
// dependency ships CSS), minified, without source maps, for the server's GET /tab/assets/<name>
// (src/adapters/http/tab-page.ts): the meeting side panel (src/tab/side-panel), and the advisers'
// tab's Session log and Reports pages (src/tab/advisers). One bundle per page: the Reports page
// carries the charts (d3), which the other two should not download. Also imported by the browser
// tests, which build before they start the server. `--dev`: not minified, with inline source maps.

import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The bundle's folder; the server reads the same one (TAB_BUNDLE_DIR). */
export const TAB_OUT_DIR = join(ROOT, 'dist', 'tab');

/** The pages, by bundle name (the server's TAB_PAGES use the same names). */
export const TAB_ENTRY_POINTS = {
  'side-panel': join(ROOT, 'src', 'tab', 'side-panel', 'main.tsx'),
  'session-log': join(ROOT, 'src', 'tab', 'advisers', 'session-log-main.tsx'),
  reports: join(ROOT, 'src', 'tab', 'advisers', 'reports-main.tsx'),
};

/**
 * Builds the tab pages. Resolves with the files written; rejects (esbuild's own message lists
 * every error) when the code does not compile.
 */
export async function buildTab({ dev = false, outdir = TAB_OUT_DIR } = {}) {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: TAB_ENTRY_POINTS,
    outdir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome110', 'edge110', 'firefox115', 'safari16'],
    jsx: 'automatic',
    minify: !dev,
    sourcemap: dev ? 'inline' : false,
    legalComments: 'none',
    // React and teams-js' debug logger look at NODE_ENV: production drops their dev-only checks.
    define: { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
    tsconfig: join(ROOT, 'src', 'tab', 'tsconfig.json'),
    metafile: true,
    logLevel: 'warning',
  });
  return Object.keys(result.metafile.outputs);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dev = process.argv.includes('--dev');
  buildTab({ dev }).then(
    (files) => process.stdout.write(`[build-tab] wrote ${files.map((f) => f.replace(`${ROOT}/`, '')).join(', ')}${dev ? ' (dev)' : ''}\n`),
    (error) => {
      process.stderr.write(`[build-tab] failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
