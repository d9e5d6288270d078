import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import restify, { type Server } from 'restify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listen } from './server.js';
import { registerTabPage } from './tab-page.js';

describe('the tab pages', () => {
  let server: Server;
  let dir = '';
  let base = '';

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'neuvo-tab-bundle-'));
    server = restify.createServer({ handleUncaughtExceptions: false });
    registerTabPage(server, { bundleDir: dir });
    base = `http://127.0.0.1:${await listen(server, '127.0.0.1', 0)}`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 with what to do while the bundle is not built, and serves it once it is', async () => {
    const missing = await fetch(`${base}/tab/side-panel`);
    expect(missing.status).toBe(503);
    expect(await missing.text()).toContain('npm run build:tab');

    writeFileSync(join(dir, 'side-panel.js'), 'console.log("panel")');
    const page = await fetch(`${base}/tab/side-panel?context=meeting`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script src="/tab/assets/side-panel.js"></script>');
    expect(html).not.toContain('side-panel.css');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com");

    expect(await (await fetch(`${base}/tab/configure`)).text()).toBe(html);

    const script = await fetch(`${base}/tab/assets/side-panel.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the advisers\' tab pages (Session log, Reports) with their own bundle and the same CSP', async () => {
    const missing = await fetch(`${base}/tab/reports`);
    expect(missing.status).toBe(503);
    expect(await missing.text()).toContain('dist/tab/reports.js');

    writeFileSync(join(dir, 'side-panel.js'), 'console.log("panel")');
    writeFileSync(join(dir, 'session-log.js'), 'console.log("log")');
    writeFileSync(join(dir, 'session-log.css'), 'body{}');
    writeFileSync(join(dir, 'reports.js'), 'console.log("reports")');
    const panelCsp = (await fetch(`${base}/tab/side-panel`)).headers.get('content-security-policy');

    for (const [path, bundle, css] of [
      ['/tab/session-log', 'session-log', true],
      ['/tab/reports', 'reports', false],
    ] as const) {
      const page = await fetch(`${base}${path}`);
      expect(page.status, path).toBe(200);
      const html = await page.text();
      expect(html).toContain(`<script src="/tab/assets/${bundle}.js"></script>`);
      expect(html).not.toContain('side-panel.js');
      expect(html.includes(`<link rel="stylesheet" href="/tab/assets/${bundle}.css">`)).toBe(css);
      expect(page.headers.get('content-security-policy')).toBe(panelCsp);
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');

      const script = await fetch(`${base}/tab/assets/${bundle}.js`);
      expect(script.status).toBe(200);
      expect(await script.text()).toContain(bundle === 'reports' ? 'reports' : 'log');
    }
    const css = await fetch(`${base}/tab/assets/session-log.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('serves only the fixed list of assets', async () => {
    writeFileSync(join(dir, 'side-panel.js'), '1');
    writeFileSync(join(dir, 'secret.txt'), 'no');
    for (const name of ['secret.txt', '..%2Fside-panel.js', 'side-panel.css', 'reports.js', 'reports.map', '%2Fetc%2Fpasswd']) {
      expect((await fetch(`${base}/tab/assets/${name}`)).status, name).toBe(404);
    }
  });
});
