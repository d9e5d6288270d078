import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.js';
import { DEMO_PEOPLE, DEMO_TENANT_ID } from '../../src/use-cases/seed-demo-data.js';
import { startLocalStack, type LocalStack } from './local-stack.js';
import { assertChromiumInstalled, launchLoopbackChromium, type LoopbackBrowser } from './loopback-chromium.js';

/**
 * End to end through a real browser: `scripts/start-local.mjs` (Neuvo in local mode + the
 * Microsoft 365 Agents Playground), driven by headless Debian Chromium. Opening the Playground
 * "installs" the bot in the personal chat (installationUpdate + conversationUpdate), so Neuvo's
 * welcome card must appear; then a free-text message, then a language button.
 *
 * Every text asserted comes from the message catalogs, never a copy of it.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS_DIR = join(ROOT, 'test-results');
const STEP_TIMEOUT_MS = 30_000;

/** The bot's messages in the conversation pane (Fluent's OutputCard), not the chat list or log panel. */
const botMessages = (page: Page): Locator => page.locator('.fai-OutputCard');

describe('local Teams client (Agents Playground) with Neuvo', () => {
  let workDir = '';
  let stack: LocalStack | undefined;
  let browser: LoopbackBrowser | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    assertChromiumInstalled();
    workDir = mkdtempSync(join(tmpdir(), 'neuvo-browser-'));
    mkdirSync(join(workDir, 'data'));
    stack = await startLocalStack({
      dataDir: join(workDir, 'data'),
      playgroundLogFile: join(workDir, 'playground.log'),
      startTimeoutMs: 90_000,
    });
    browser = await launchLoopbackChromium(join(workDir, 'chromium-profile'));
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
  }, 150_000);

  afterAll(async () => {
    await browser?.context.close().catch(() => undefined);
    await stack?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }, 30_000);

  it('configures the Playground with the 5 demo people of Neuvo', async ({ onTestFailed }) => {
    onTestFailed(() => reportFailure(stack, undefined, 'config'));
    const response = await fetch(`${requireStack(stack).playgroundUrl.replace('localhost', '127.0.0.1')}/_internal/v1/config`);
    expect(response.status).toBe(200);
    const { config } = (await response.json()) as { config: PlaygroundConfig };
    expect(config.tenantId).toBe(DEMO_TENANT_ID);
    expect(config.users).toHaveLength(5);
    const client = DEMO_PEOPLE.find((p) => p.key === 'client');
    expect(config.currentUser).toMatchObject({ aadObjectId: client?.entraObjectId, name: client?.displayName });
    const everyone = [config.currentUser, ...config.users];
    for (const person of DEMO_PEOPLE) {
      expect(everyone, person.key).toContainEqual(expect.objectContaining({ aadObjectId: person.entraObjectId, name: person.displayName }));
    }
  });

  it('shows the welcome card, acknowledges a message and switches the language', async ({ onTestFailed }) => {
    onTestFailed(() => reportFailure(stack, page, 'welcome-language'));
    const p = requirePage(page);
    // 127.0.0.1, not localhost: the browser then resolves no host name at all.
    await p.goto(requireStack(stack).playgroundUrl.replace('//localhost:', '//127.0.0.1:'));

    // Opening the Playground installs the bot: the English welcome card with one button per language.
    const welcome = botMessages(p).filter({ has: p.getByRole('heading', { name: t('en', 'welcome.title') }) });
    await welcome.first().waitFor();
    const card = welcome.last();
    await card.getByText(t('en', 'welcome.languagePrompt')).waitFor();
    for (const lang of ['fi', 'sv', 'en', 'uk'] as const) {
      await card.getByRole('button', { name: t(lang, 'language.name'), exact: true }).waitFor();
    }

    // A free-text message gets the acknowledgement.
    const composer = p.getByRole('textbox');
    await composer.click();
    await composer.fill('hello');
    await p.keyboard.press('Enter');
    await botMessages(p).filter({ hasText: t('en', 'reply.received') }).first().waitFor();

    // The language button answers in the chosen language.
    const suomi = t('fi', 'language.name');
    await card.getByRole('button', { name: suomi, exact: true }).click();
    await botMessages(p).filter({ hasText: t('fi', 'language.changed', { language: suomi }) }).first().waitFor();

    await screenshot(p, 'playground-welcome-language');
  }, 90_000);
});

interface PlaygroundUser {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
}
interface PlaygroundConfig {
  readonly tenantId: string;
  readonly currentUser: PlaygroundUser;
  readonly users: readonly PlaygroundUser[];
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true }).catch(() => undefined);
}

/** On failure: a screenshot into test-results/ and the tail of start-local's output (Neuvo's log). */
async function reportFailure(stack: LocalStack | undefined, page: Page | undefined, name: string): Promise<void> {
  if (page) await screenshot(page, `failed-${name}`);
  if (stack) console.error(`start-local output (tail):\n${stack.output()}`);
}

function requireStack(value: LocalStack | undefined): LocalStack {
  if (!value) throw new Error('the local stack did not start (see beforeAll)');
  return value;
}
function requirePage(value: Page | undefined): Page {
  if (!value) throw new Error('the browser did not start (see beforeAll)');
  return value;
}
