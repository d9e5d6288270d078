import { describe, expect, it } from 'vitest';
import { ASK_EXPERT_COMMAND } from '../../src/adapters/teams/routes/expert-extension.js';
import { staffText } from '../../src/i18n/staff/index.js';
import { reportFailure, requirePage, requireStack, screenshot, usePlaygroundSession } from './playground-session.js';

/**
 * "Ask an expert" as Teams offers it on a message: the message's "…" menu → the action command →
 * the dialog with the message's text as the question → suggestions → sent. The Playground (0.2.x)
 * puts its message-extension menu behind each message's "Show more information" button and sends
 * `composeExtension/fetchTask` with `commandContext: 'message'` and the message as `messagePayload`;
 * it does not read the manifest, so the command id is typed into its "Command ID" field.
 */
describe('Ask an expert from a message, in the Agents Playground', () => {
  const session = usePlaygroundSession('neuvo-expert-extension-browser-', 'municipal_staff');

  it('opens the dialog with the message as the question, suggests, and sends it on scrubbed', async ({ onTestFailed }) => {
    onTestFailed(() => reportFailure(session, 'expert-extension-from-message'));
    const p = requirePage(session.page);
    await p.goto(requireStack(session.stack).playgroundUrl.replace('//localhost:', '//127.0.0.1:'));
    const composer = p.getByRole('textbox').last();
    await composer.waitFor();
    await composer.click();
    const message = 'Asiakkaan (010190-123A) oleskelulupa päättyy ensi kuussa. Miten jatkolupaa haetaan?';
    await composer.fill(message);
    await p.keyboard.press('Enter');

    // The innermost element holding both the message and a "…" button is that message's own header.
    const more = p.getByRole('button', { name: 'Show more information' });
    const sent = p.locator('div').filter({ has: p.getByText(message) }).filter({ has: more }).last();
    await sent.hover();
    await sent.getByRole('button', { name: 'Show more information' }).click();
    await p.getByRole('menuitem', { name: 'Action Command' }).click();
    await p.getByPlaceholder('Input command id or leave blanks').fill(ASK_EXPERT_COMMAND);
    await p.getByRole('button', { name: 'Create' }).click();

    const dialog = p.getByRole('dialog').last();
    const question = dialog.getByRole('textbox').first();
    await question.waitFor();
    expect(await question.inputValue()).toBe(message);
    await dialog.getByRole('combobox').first().click();
    await p.getByRole('option', { name: 'Residence permit' }).first().click();
    await screenshot(p, 'playground-experts-from-message');
    await dialog.getByRole('button', { name: staffText('en', 'experts.ask.next') }).click();

    await dialog.getByText(staffText('en', 'experts.suggest.asSent')).waitFor();
    expect(await dialog.innerText()).not.toContain('010190-123A');
    await dialog.getByText('Enter Finland', { exact: false }).first().waitFor();
    await dialog.getByRole('button', { name: staffText('en', 'experts.suggest.send') }).click();

    await dialog.getByText(staffText('en', 'experts.sent.text', { number: 1 })).waitFor();
    await screenshot(p, 'playground-experts-from-message-sent');
  }, 120_000);
});
