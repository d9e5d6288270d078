import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startLocalStack, type LocalStack } from './local-stack.js';
import { assertChromiumInstalled, launchLoopbackChromium, type LoopbackBrowser } from './loopback-chromium.js';

/** What every browser test shares: `npm start`'s stack on free ports, loopback-only Chromium, artifacts. */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS_DIR = join(ROOT, 'test-results');
export const STEP_TIMEOUT_MS = 30_000;

/** The bot's messages in the conversation pane (Fluent's OutputCard), not the chat list or log panel. */
export const botMessages = (page: Page): Locator => page.locator('.fai-OutputCard');

export interface PlaygroundSession {
  readonly stack: LocalStack | undefined;
  readonly page: Page | undefined;
}

/**
 * Registers beforeAll/afterAll that start the local stack (Neuvo + Playground, temp data dir) and a
 * fresh loopback-only Chromium, and stop both by PID afterwards. Use inside a `describe`.
 */
export function usePlaygroundSession(tempPrefix: string, as = 'client'): PlaygroundSession {
  let workDir = '';
  let stack: LocalStack | undefined;
  let browser: LoopbackBrowser | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    assertChromiumInstalled();
    workDir = mkdtempSync(join(tmpdir(), tempPrefix));
    mkdirSync(join(workDir, 'data'));
    stack = await startLocalStack({ dataDir: join(workDir, 'data'), playgroundLogFile: join(workDir, 'playground.log'), startTimeoutMs: 90_000, as });
    browser = await launchLoopbackChromium(join(workDir, 'chromium-profile'));
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
  }, 150_000);

  afterAll(async () => {
    await browser?.context.close().catch(() => undefined);
    await stack?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }, 30_000);

  return {
    get stack() {
      return stack;
    },
    get page() {
      return page;
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true }).catch(() => undefined);
}

/** On failure: a screenshot into test-results/ and the tail of start-local's output (Neuvo's log). */
export async function reportFailure(session: PlaygroundSession, name: string, withPage = true): Promise<void> {
  if (withPage && session.page) await screenshot(session.page, `failed-${name}`);
  if (session.stack) console.error(`start-local output (tail):\n${session.stack.output()}`);
}

export function requireStack(value: LocalStack | undefined): LocalStack {
  if (!value) throw new Error('the local stack did not start (see beforeAll)');
  return value;
}

export function requirePage(value: Page | undefined): Page {
  if (!value) throw new Error('the browser did not start (see beforeAll)');
  return value;
}
