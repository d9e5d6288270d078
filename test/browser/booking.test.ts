import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { municipalityName, t } from '../../src/i18n/index.js';
import { botMessages, reportFailure, requirePage, requireStack, screenshot, usePlaygroundSession } from './playground-session.js';

/**
 * The booking flow end to end in the Agents Playground (same set-up and safety measures as
 * playground.test.ts: start-local on free ports, a fresh Chromium profile, loopback only):
 * welcome card → "Book an appointment" → intake card (first sent without a name, which must not
 * get through) → summary card → slot card → confirmation → cancelled.
 *
 * The intake, summary, slot and confirmation cards are `Action.Execute` cards that Neuvo replaces
 * in place; every card is found by its heading, and every text comes from the message catalogs.
 */

const LANG = 'en';


/** The newest bot message whose card has the heading `title`. */
function cardWithHeading(page: Page, title: string): Locator {
  return botMessages(page).filter({ has: page.getByRole('heading', { name: title, exact: true }) }).last();
}

describe('booking an appointment in the local Teams client (Agents Playground)', () => {
  const session = usePlaygroundSession('neuvo-browser-booking-');

  it('books a time from the intake and cancels it', async ({ onTestFailed }) => {
    onTestFailed(() => reportFailure(session, 'booking'));
    const p = requirePage(session.page);
    await p.goto(requireStack(session.stack).playgroundUrl.replace('//localhost:', '//127.0.0.1:'));

    // Welcome card → "Book an appointment" → the intake card.
    const welcome = cardWithHeading(p, t(LANG, 'welcome.title'));
    await welcome.waitFor();
    await welcome.getByRole('button', { name: t(LANG, 'booking.start'), exact: true }).click();
    const intake = cardWithHeading(p, t(LANG, 'intake.title'));
    await intake.waitFor();

    // Sent without a name first: the card stays, with the "name required" message. The Playground's
    // renderer checks `isRequired` itself and sends nothing (no invoke in its log): the messages are
    // the inputs' `errorMessage`s (name and municipality), not Neuvo's answer, which would add the
    // error summary. Should the renderer ever send it, this test will say so.
    const nameBox = intake.getByRole('textbox', { name: t(LANG, 'intake.name.label') });
    await nameBox.waitFor();
    const submit = intake.getByRole('button', { name: t(LANG, 'intake.submit'), exact: true });
    await submit.click();
    const rejected = cardWithHeading(p, t(LANG, 'intake.title'));
    await rejected.getByText(t(LANG, 'intake.error.nameRequired'), { exact: true }).first().waitFor();
    await rejected.getByText(t(LANG, 'intake.error.municipalityRequired'), { exact: true }).first().waitFor();
    expect(await rejected.getByText(t(LANG, 'intake.error.summary')).count(), 'the renderer sent the invalid form to Neuvo').toBe(0);
    expect(await botMessages(p).filter({ hasText: t(LANG, 'intake.summary.title') }).count()).toBe(0);
    await screenshot(p, 'booking-intake-name-missing');

    // Fill it in: name, municipality Joensuu (a Fluent combobox), topic Housing (checkboxes).
    // The renderer names inputs by aria-labelledby (label + required mark / option), so by substring.
    const form = cardWithHeading(p, t(LANG, 'intake.title'));
    await form.getByRole('textbox', { name: t(LANG, 'intake.name.label') }).fill('Test Person');
    const joensuu = municipalityName('joensuu', LANG);
    await form.getByRole('combobox', { name: t(LANG, 'intake.municipality.label') }).click();
    await p.getByRole('option', { name: joensuu, exact: true }).click();
    await expect.poll(() => form.getByRole('combobox', { name: t(LANG, 'intake.municipality.label') }).inputValue()).toBe(joensuu);
    await form.getByRole('checkbox', { name: t(LANG, 'topic.housing') }).check();
    await form.getByRole('button', { name: t(LANG, 'intake.submit'), exact: true }).click();

    // The summary card, with the button to the slots.
    const summary = cardWithHeading(p, t(LANG, 'intake.summary.title'));
    await summary.waitFor();
    await summary.getByText(t(LANG, 'intake.summary.municipality', { municipality: joensuu })).waitFor();
    await summary.getByText(t(LANG, 'topic.housing')).first().waitFor();
    await summary.getByRole('button', { name: t(LANG, 'intake.summary.book'), exact: true }).click();

    // The slot card: every button on it is a time.
    const slots = cardWithHeading(p, t(LANG, 'booking.slots.title'));
    await slots.waitFor();
    const times = slots.getByRole('button');
    await times.first().waitFor();
    expect(await times.count()).toBeGreaterThan(0);
    expect(await slots.getByText(t(LANG, 'booking.slots.none')).count()).toBe(0);
    await times.first().click();

    // The confirmation, then cancelling it.
    const confirmed = cardWithHeading(p, t(LANG, 'booking.confirmed.title'));
    await confirmed.waitFor();
    await confirmed.getByText(t(LANG, 'booking.confirmed.linkLater')).waitFor();
    await screenshot(p, 'booking-confirmed');
    // start-local's local Microsoft 365 simulator: the outbox creates the Teams meeting, and the
    // confirmation card comes again with the Join button.
    const linkReady = cardWithHeading(p, t(LANG, 'booking.linkReady.title'));
    await linkReady.waitFor({ timeout: 15_000 });
    await linkReady.getByRole('button', { name: t(LANG, 'booking.join'), exact: true }).or(linkReady.getByRole('link', { name: t(LANG, 'booking.join'), exact: true })).first().waitFor();
    await screenshot(p, 'booking-link-ready');
    await confirmed.getByRole('button', { name: t(LANG, 'booking.cancel'), exact: true }).click();
    await cardWithHeading(p, t(LANG, 'booking.cancelled.title')).waitFor();
    await screenshot(p, 'booking-cancelled');
  }, 120_000);
});
