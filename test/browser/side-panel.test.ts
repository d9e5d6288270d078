import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTab } from '../../scripts/build-tab.mjs';
import { panelText } from '../../src/tab/side-panel/i18n.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from '../e2e/neuvo-server.js';
import { followUpInTwoWeeks, seedSidePanelWorld, TAB_APP_ID_URI, TAB_CLIENT_ID, worldReferrals, XSS_NOTES, type SidePanelWorld } from '../e2e/side-panel-world.js';
import { startSsoIssuer, type SsoIssuer } from '../harness/sso-issuer.js';
import { assertChromiumInstalled, launchLoopbackChromium, type LoopbackBrowser } from './loopback-chromium.js';
import { screenshot, STEP_TIMEOUT_MS } from './playground-session.js';

/**
 * The meeting side panel in headless Chromium, as Teams shows it: a host page plays the Teams
 * client (it frames `/tab/side-panel` 320 px wide and answers teams-js' postMessage calls:
 * `initialize`, `getContext` with a meeting chat id, `authentication.getAuthToken` with a token
 * from the local SSO issuer). The bundle is built first with esbuild, as `npm run build:tab` does.
 *
 * The host page is served on Neuvo's own origin (fulfilled by the test, never reaching the
 * server): teams-js accepts messages from its own origin, or from Microsoft's https hosts only.
 */
const TENANT = '5f1a0c2e-0000-4000-8000-0000000000aa';
const HOST_PATH = '/__test-host/meeting';
const RESULTS_DIR = join(process.cwd(), 'test-results');

let sut: RunningNeuvo;
let issuer: SsoIssuer;
let world: SidePanelWorld;
let browser: LoopbackBrowser;
let page: Page;
let profileDir = '';

/**
 * A stand-in for the Teams web client: the side panel in an iframe, and the host half of teams-js'
 * protocol (requests `{ id, uuidAsString, func, args }`, answers `{ id, uuidAsString, args }`;
 * the host pushes `{ func: 'themeChange', args: [theme] }`).
 */
function hostPage(options: { readonly token: string; readonly chatId: string; readonly locale: string; readonly theme: string; readonly userObjectId: string; readonly src?: string; readonly frameContext?: string }): string {
  const runtime = { apiVersion: 4, isLegacyTeams: false, supports: { app: {}, appInitialization: {}, authentication: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {} }, teamsCore: {}, meeting: {} } };
  const context = {
    locale: options.locale,
    theme: options.theme,
    frameContext: options.frameContext ?? 'sidePanel',
    hostClientType: 'web',
    hostName: 'Teams',
    chatId: options.chatId,
    meetingId: 'MCMxOTptZWV0aW5n',
    tid: TENANT,
    userObjectId: options.userObjectId,
    appSessionId: 'session-1',
    entityId: 'neuvo-side-panel',
  };
  const host = { token: options.token, runtime: JSON.stringify(runtime), context, frameContext: context.frameContext };
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Teams (test host)</title>
<style>body{margin:0;background:#292929}iframe{border:0;width:320px;height:100vh;display:block}</style></head>
<body><iframe id="panel" src="${options.src ?? '/tab/side-panel'}" title="Neuvo"></iframe>
<script>
const host = ${JSON.stringify(host).replace(/</g, '\\u003c')};
const frame = document.getElementById('panel');
window.hostCalls = [];
window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow || !event.data || typeof event.data.func !== 'string') return;
  const request = event.data;
  window.hostCalls.push(request.func);
  const reply = (args) => frame.contentWindow.postMessage({ id: request.id, uuidAsString: request.uuidAsString, args }, event.origin);
  if (request.func === 'initialize') reply([host.frameContext, 'web', host.runtime, '2.58.0']);
  else if (request.func === 'getContext') reply([host.context]);
  else if (request.func === 'authentication.getAuthToken') reply([true, host.token]);
});
window.setTeamsTheme = (theme) => frame.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, location.origin);
</script></body></html>`;
}

describe('the meeting side panel in Chromium', () => {
  beforeAll(async () => {
    assertChromiumInstalled();
    await buildTab();
    issuer = await startSsoIssuer();
    sut = await startNeuvoWithLocalTeams({ tenantId: TENANT }, issuer.tabEnv(TAB_APP_ID_URI));
    world = await seedSidePanelWorld(sut.neuvo.uow, TENANT, new Date());
    profileDir = mkdtempSync(join(tmpdir(), 'neuvo-side-panel-'));
    browser = await launchLoopbackChromium(profileDir);
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    // A tall window: the screenshots show the whole panel at Teams' 320 px width.
    await page.setViewportSize({ width: 320, height: 3200 });
  }, 120_000);

  afterAll(async () => {
    await browser?.context.close().catch(() => undefined);
    await sut?.close();
    await issuer?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  }, 30_000);

  it('shows the intake and earlier contacts, logs the contact, then corrects it, in light and dark', async ({ onTestFailed }) => {
    onTestFailed(() => screenshot(page, 'failed-side-panel'));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const token = await issuer.sign({ tenantId: TENANT, objectId: world.adviser.oid, audience: TAB_CLIENT_ID });
    const html = hostPage({ token, chatId: world.threadId, locale: 'fi-FI', theme: 'default', userObjectId: world.adviser.oid });
    await page.route(`${sut.baseUrl}${HOST_PATH}`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    const fi = (key: Parameters<typeof panelText>[1], params?: Record<string, string | number>) => panelText('fi', key, params);

    await page.goto(`${sut.baseUrl}${HOST_PATH}`);
    const panel: FrameLocator = page.frameLocator('#panel');
    await panel.getByRole('heading', { name: world.client.displayName, level: 1 }).waitFor();
    await panel.getByText(world.intakeDescription).waitFor();
    await panel.getByRole('heading', { name: fi('recentHeading') }).waitFor();
    for (const notes of world.earlierNotes.slice(0, 5)) await panel.getByText(notes, { exact: true }).waitFor();
    expect(await panel.getByText(world.earlierNotes[5]!, { exact: true }).count()).toBe(0);
    await panel.getByText(fi('notesReminder'), { exact: false }).waitFor();
    mkdirSync(RESULTS_DIR, { recursive: true });
    await screenshot(page, 'side-panel-light');

    // The booking's topic (residence permit) is already ticked; the adviser adds what happened.
    expect(await panel.getByRole('checkbox', { name: 'Oleskelulupa' }).isChecked()).toBe(true);
    await panel.getByRole('checkbox', { name: 'Kelan etuudet' }).check();
    await panel.getByRole('checkbox', { name: 'Ohjaus ja neuvonta' }).check();
    await panel.getByRole('checkbox', { name: 'Migri' }).check();
    await panel.getByRole('checkbox', { name: 'Liperin vertaistukiryhmä' }).check();
    await panel.getByRole('combobox', { name: fi('outcome') }).selectOption({ label: 'Jatkotoimet sovittu' });
    const followUp = followUpInTwoWeeks();
    await panel.getByLabel(fi('followUp')).fill(followUp);
    await panel.getByRole('textbox', { name: fi('notes') }).fill(XSS_NOTES);
    await panel.getByRole('button', { name: fi('save') }).click();
    await panel.getByText(fi('saved'), { exact: true }).waitFor();
    await panel.getByRole('heading', { name: fi('formHeadingCorrect') }).waitFor();

    const stored = await sut.neuvo.uow.contacts.findByBooking(world.bookingId);
    expect(stored).toMatchObject({
      clientId: world.client.id,
      adviserId: world.adviser.id,
      topics: ['residence_permit', 'kela_benefits'],
      services: ['guidance'],
      referrals: worldReferrals(world),
      followUpOn: followUp,
      outcome: 'follow_up',
      notes: XSS_NOTES,
      revision: 1,
    });
    // The notes went through as text: React escaped them, nothing ran.
    expect(await page.frame({ url: /\/tab\/side-panel$/ })?.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();

    // A correction needs a reason; the one typed is kept when it is missing.
    await panel.getByRole('combobox', { name: fi('outcome') }).selectOption({ label: 'Asia hoidettu' });
    await panel.getByRole('button', { name: fi('saveCorrection') }).click();
    await panel.getByRole('alert').filter({ hasText: fi('reasonRequired') }).first().waitFor();
    expect(await panel.getByRole('combobox', { name: fi('outcome') }).inputValue()).toBe('resolved');
    await panel.getByRole('textbox', { name: fi('reason') }).fill('Asia ratkesi tapaamisessa');
    await panel.getByRole('button', { name: fi('saveCorrection') }).click();
    await panel.getByText(fi('corrected'), { exact: true }).waitFor();
    expect(await sut.neuvo.uow.contacts.findByBooking(world.bookingId)).toMatchObject({ revision: 2, outcome: 'resolved' });
    expect((await sut.neuvo.uow.contacts.history(stored!.id)).map((h) => h.reason)).toEqual([null, 'Asia ratkesi tapaamisessa']);

    // Teams switches to its dark theme: the panel follows without a reload.
    await page.evaluate(() => (globalThis as unknown as { setTeamsTheme(theme: string): void }).setTeamsTheme('dark'));
    await expect.poll(async () => panel.locator('main').evaluate('(el) => getComputedStyle(el).backgroundColor')).not.toBe('rgb(255, 255, 255)');
    await screenshot(page, 'side-panel-dark');

    // teams-js asks a Microsoft CDN for its list of valid host origins when it loads; the page's
    // CSP (connect-src 'self') refuses that before any request is made, and teams-js falls back to
    // the list it ships with. Chromium reports the refusal as a console error: the only one allowed.
    const cspRefusal = /res\.cdn\.office\.net\/teams-js\/validDomains\/.*Content Security Policy|Content Security Policy.*res\.cdn\.office\.net\/teams-js\/validDomains\//;
    expect(errors.filter((message) => !cspRefusal.test(message))).toEqual([]);
    expect(browser.blocked).toEqual([]);
  }, 120_000);

  it('offers the configuration page Teams shows when the app is added to a meeting: valid at once', async () => {
    const html = hostPage({ token: 'unused', chatId: world.threadId, locale: 'sv-FI', theme: 'dark', userObjectId: world.adviser.oid, src: '/tab/configure', frameContext: 'settings' });
    await page.route(`${sut.baseUrl}${HOST_PATH}/configure`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await page.goto(`${sut.baseUrl}${HOST_PATH}/configure`);
    await page.frameLocator('#panel').getByText(panelText('sv', 'configureIntro')).waitFor();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { hostCalls: string[] }).hostCalls)).toContain('settings.setValidityState');
    expect(browser.blocked).toEqual([]);
  }, 60_000);
});
