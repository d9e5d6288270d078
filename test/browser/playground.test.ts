import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.js';
import { DEMO_PEOPLE, DEMO_TENANT_ID } from '../../src/use-cases/seed-demo-data.js';
import { botMessages, reportFailure, requirePage, requireStack, screenshot, usePlaygroundSession } from './playground-session.js';

/**
 * End to end through a real browser: `scripts/start-local.mjs` (Neuvo in local mode + the
 * Microsoft 365 Agents Playground), driven by headless Debian Chromium. Opening the Playground
 * "installs" the bot in the personal chat (installationUpdate + conversationUpdate), so Neuvo's
 * welcome card must appear; then a free-text message, then a language button.
 *
 * Every text asserted comes from the message catalogs, never a copy of it.
 */



describe('local Teams client (Agents Playground) with Neuvo', () => {
  const session = usePlaygroundSession('neuvo-browser-');

  it('configures the Playground with the 5 demo people of Neuvo', async ({ onTestFailed }) => {
    onTestFailed(() => reportFailure(session, 'config', false));
    const response = await fetch(`${requireStack(session.stack).playgroundUrl.replace('localhost', '127.0.0.1')}/_internal/v1/config`);
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
    onTestFailed(() => reportFailure(session, 'welcome-language'));
    const p = requirePage(session.page);
    // 127.0.0.1, not localhost: the browser then resolves no host name at all.
    await p.goto(requireStack(session.stack).playgroundUrl.replace('//localhost:', '//127.0.0.1:'));

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
