import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { municipalityName, t } from '../../src/i18n/index.js';
import { seedAdviser, startNeuvoWithGraph, type NeuvoWithGraph } from '../e2e/booking-driver.js';
import { assertChromiumInstalled, launchLoopbackChromium, type LoopbackBrowser } from './loopback-chromium.js';
import { screenshot, STEP_TIMEOUT_MS } from './playground-session.js';

/**
 * The public booking page in headless Chromium (loopback only, fresh profile): a client without
 * Teams switches the page to Arabic, is stopped by the renderer when the required e-mail is
 * missing, sends the intake, books the first time offered and cancels it. Everything on screen is
 * drawn by the official Adaptive Cards renderer from the same templates Teams shows; every text
 * the test looks for comes from the message catalogs. Screenshots go to test-results/.
 */
describe('the public booking page in Chromium', () => {
  let env: NeuvoWithGraph;
  let browser: LoopbackBrowser;
  let page: Page;
  let profileDir = '';

  beforeAll(async () => {
    assertChromiumInstalled();
    env = await startNeuvoWithGraph({ GRAPH_MAIL_FROM: 'neuvo@neuvo.test' }, () => new Date());
    await seedAdviser(env.sut, 'browser', ['fi', 'ar'], ['outokumpu']);
    profileDir = mkdtempSync(join(tmpdir(), 'neuvo-public-page-'));
    browser = await launchLoopbackChromium(profileDir);
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
  }, 120_000);

  afterAll(async () => {
    await browser?.context.close().catch(() => undefined);
    await env?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  }, 30_000);

  it('books and cancels an appointment in Arabic', async ({ onTestFailed }) => {
    onTestFailed(() => screenshot(page, 'failed-public-booking'));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });

    await page.goto(`${env.sut.baseUrl}/book?lang=fi`);
    await page.getByRole('heading', { name: t('fi', 'public.title'), level: 1 }).waitFor();
    await page.getByRole('link', { name: t('ar', 'language.name'), exact: true }).click();
    await page.getByRole('heading', { name: t('ar', 'public.title'), level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const card = page.locator('#card');
    await card.getByText(t('ar', 'intake.title'), { exact: true }).waitFor();
    await screenshot(page, 'public-booking-1-intake-ar');

    // Name, municipality and topic, but no e-mail: the renderer itself refuses (isRequired) and
    // shows the card's own message; nothing reaches the server.
    await card.getByRole('textbox', { name: t('ar', 'intake.name.label') }).fill('Layla');
    await card.getByRole('combobox', { name: t('ar', 'intake.municipality.label') }).selectOption({ label: municipalityName('outokumpu', 'ar') });
    await card.getByRole('checkbox', { name: t('ar', 'topic.housing') }).check();
    await card.getByRole('button', { name: t('ar', 'intake.submit'), exact: true }).click();
    await card.getByText(t('ar', 'intake.error.emailRequired'), { exact: true }).waitFor();
    expect(await env.sut.neuvo.uow.clients.listByMunicipality('outokumpu', 10)).toHaveLength(0);
    await screenshot(page, 'public-booking-2-email-required-ar');

    await card.getByRole('textbox', { name: t('ar', 'intake.email.requiredLabel') }).fill('layla@example.test');
    await card.getByRole('button', { name: t('ar', 'intake.submit'), exact: true }).click();
    await card.getByText(t('ar', 'intake.summary.title'), { exact: true }).waitFor();
    expect(await card.textContent()).not.toContain('Layla');
    await screenshot(page, 'public-booking-3-summary-ar');

    await card.getByRole('button', { name: t('ar', 'intake.summary.book'), exact: true }).click();
    await card.getByText(t('ar', 'booking.slots.title'), { exact: true }).waitFor();
    await screenshot(page, 'public-booking-4-slots-ar');
    const firstTime = card.getByRole('button').first();
    const chosen = (await firstTime.textContent()) ?? '';
    await firstTime.click();
    await card.getByText(t('ar', 'booking.confirmed.title'), { exact: true }).waitFor();
    await card.getByText(t('ar', 'booking.confirmed.linkByEmail'), { exact: true }).waitFor();
    await screenshot(page, 'public-booking-5-booked-ar');

    const [client] = await env.sut.neuvo.uow.clients.listByMunicipality('outokumpu', 10);
    const [booking] = await env.sut.neuvo.uow.bookings.listForClient(client!.id);
    expect(booking).toMatchObject({ status: 'booked', language: 'ar' });
    expect(chosen.length).toBeGreaterThan(0);

    await card.getByRole('button', { name: t('ar', 'booking.cancel'), exact: true }).click();
    await card.getByText(t('ar', 'booking.cancelled.title'), { exact: true }).waitFor();
    await screenshot(page, 'public-booking-6-cancelled-ar');
    expect((await env.sut.neuvo.uow.bookings.get(booking!.id))?.status).toBe('cancelled');

    expect(errors).toEqual([]);
    expect(browser.blocked).toEqual([]);
  });
});
