import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';

/** Where `npm run build:tab` writes the bundle: `dist/tab/`, the same path from `src/` and `dist/`. */
export const TAB_BUNDLE_DIR = fileURLToPath(new URL('../../../dist/tab/', import.meta.url));

/**
 * The pages and the bundle each loads (scripts/build-tab.mjs builds one per page, so the Reports
 * page's charts are not downloaded by the side panel). `/tab/configure` is drawn by the side
 * panel's bundle.
 */
const TAB_PAGES: Readonly<Record<string, TabBundle>> = {
  '/tab/side-panel': 'side-panel',
  '/tab/configure': 'side-panel',
  '/tab/session-log': 'session-log',
  '/tab/reports': 'reports',
};

type TabBundle = 'side-panel' | 'session-log' | 'reports';
const TAB_BUNDLES: readonly TabBundle[] = ['side-panel', 'session-log', 'reports'];

/** The files the pages may load: a fixed list, so no path from a request reaches the file system. */
const TAB_ASSETS: Readonly<Record<string, string>> = Object.fromEntries(
  TAB_BUNDLES.flatMap((bundle) => [
    [`${bundle}.js`, 'text/javascript; charset=utf-8'],
    [`${bundle}.css`, 'text/css; charset=utf-8'],
  ]),
);

/**
 * Hosts allowed to frame the panel: Teams (classic and new), and the Microsoft 365 hosts Teams is
 * moving to (learn.microsoft.com, "Tab requirements"). `'self'` lets a test host page on our own
 * origin frame it; nothing else may (clickjacking).
 */
const FRAME_ANCESTORS = "'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com";

/**
 * `connect-src 'self'` also stops teams-js fetching its list of valid host origins from a CDN at
 * load: it then uses the list it ships with, and the panel talks to no one but us.
 * `style-src 'unsafe-inline'`: Fluent UI (Griffel) inserts its generated class rules at run time.
 */
const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${FRAME_ANCESTORS}`,
].join('; ');

export interface TabPageOptions {
  /** Folder of the built bundle; default {@link TAB_BUNDLE_DIR}. */
  readonly bundleDir?: string;
}

/**
 * The tab pages: the meeting side panel (issue 4) `GET /tab/side-panel` (an HTML shell; all text
 * comes from the bundle, in the Teams locale), `GET /tab/configure` (the configurable tab's page
 * Teams shows when the app is added to a meeting), the advisers' tab's static tabs (issue 6)
 * `GET /tab/session-log` and `GET /tab/reports`, and `GET /tab/assets/<name>` (the bundles). The bundle is
 * read when first asked for, so a server started before `npm run build:tab` answers a clear 503
 * instead of failing to start, and serves the page as soon as the bundle exists.
 */
export function registerTabPage(server: Server, options: TabPageOptions = {}): void {
  const dir = options.bundleDir ?? TAB_BUNDLE_DIR;
  const cache = new Map<string, Buffer>();
  const read = (name: string): Buffer | undefined => {
    let body = cache.get(name);
    if (!body) {
      try {
        body = readFileSync(`${dir}${dir.endsWith('/') ? '' : '/'}${name}`);
      } catch {
        return undefined;
      }
      cache.set(name, body);
    }
    return body;
  };

  // One shell for every page, loading its own bundle; the side panel's bundle also draws the
  // configuration page on /tab/configure.
  const page = (bundle: TabBundle) => async (_req: Request, res: Response) => {
    pageHeaders(res);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    if (!read(`${bundle}.js`)) {
      res.sendRaw(503, missingBundlePage(bundle));
      return;
    }
    res.sendRaw(200, pageHtml(bundle, read(`${bundle}.css`) !== undefined));
  };
  for (const [path, bundle] of Object.entries(TAB_PAGES)) server.get(path, page(bundle));

  server.get('/tab/assets/:name', async (req: Request, res: Response) => {
    const name = String(req.params?.name ?? '');
    const contentType = Object.hasOwn(TAB_ASSETS, name) ? TAB_ASSETS[name] : undefined;
    const body = contentType ? read(name) : undefined;
    res.setHeader('x-content-type-options', 'nosniff');
    if (!contentType || !body) {
      res.send(404, { error: { code: 'not_found', message: 'No such asset.' } });
      return;
    }
    res.setHeader('content-type', contentType);
    // Fixed names, not content hashes: short, so a deployment reaches every open panel quickly.
    res.setHeader('cache-control', 'public, max-age=300');
    res.sendRaw(200, body);
  });
}

function pageHeaders(res: Response): void {
  res.setHeader('content-security-policy', PAGE_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
}

/** The shell: the bundle draws everything (its first text says "loading" in the Teams locale). */
function pageHtml(bundle: TabBundle, withCss: boolean): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    '<title>Neuvo</title>',
    withCss ? `<link rel="stylesheet" href="/tab/assets/${bundle}.css">` : '',
    '</head>',
    '<body>',
    '<div id="root"></div>',
    `<script src="/tab/assets/${bundle}.js"></script>`,
    '</body>',
    '</html>',
  ]
    .filter(Boolean)
    .join('\n');
}

function missingBundlePage(bundle: TabBundle): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><title>Neuvo: tab page not built</title></head>',
    '<body>',
    '<h1>The tab page is not built</h1>',
    `<p>This server has no <code>dist/tab/${bundle}.js</code>. Run <code>npm run build:tab</code> (or <code>npm run build</code>) and reload.</p>`,
    '</body>',
    '</html>',
  ].join('\n');
}
