import { existsSync } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';

/**
 * Debian's Chromium, headless, with nothing leaving the machine (DESIGN.md, "Local Teams client"):
 * the flags that stop its own background traffic, a fresh profile folder per run, and every
 * request or WebSocket to a host other than 127.0.0.1/localhost aborted in Playwright (the
 * Playground's page asks for fonts and an animation script from a CDN; they are simply not loaded).
 */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Under the request routing: Chromium resolves no host name itself (its preconnect / DNS
  // prefetch for the page's CDN links would otherwise send DNS queries before any route runs).
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
    return LOOPBACK_HOSTS.has(parsed.hostname);
  } catch {
    return false;
  }
}

/** Fails (never skips) when Chromium is not installed: CI installs it, so must a developer. */
export function assertChromiumInstalled(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}. The browser tests need Debian's Chromium: ` +
        'run `apt-get update && apt-get install -y chromium` (CI does this in .ci/run), ' +
        'or set CHROMIUM_PATH to another Chromium binary.',
    );
  }
}

export interface LoopbackBrowser {
  readonly context: BrowserContext;
  /** Non-loopback URLs the pages asked for (all aborted). */
  readonly blocked: string[];
}

export async function launchLoopbackChromium(profileDir: string): Promise<LoopbackBrowser> {
  assertChromiumInstalled();
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    serviceWorkers: 'block',
    viewport: { width: 1400, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const blocked: string[] = [];
  // On the context, so it covers every page (and popup) it opens, not only the first one.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLoopbackUrl(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  await context.routeWebSocket(
    (url) => !isLoopbackUrl(url.href),
    async (ws) => {
      blocked.push(ws.url());
      await ws.close();
    },
  );
  return { context, blocked };
}
