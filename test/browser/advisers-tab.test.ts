import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTab } from '../../scripts/build-tab.mjs';
import { localDateOf } from '../../src/domain/booking/helsinki-time.js';
import { staffText } from '../../src/i18n/staff/index.js';
import { tabText, type TabTextKey } from '../../src/tab/advisers/i18n.js';
import { panelText } from '../../src/tab/side-panel/i18n.js';
import { seedAdvisersTabWorld, type AdvisersTabWorld } from '../e2e/advisers-tab-world.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from '../e2e/neuvo-server.js';
import { TAB_APP_ID_URI, TAB_CLIENT_ID } from '../e2e/side-panel-world.js';
import { aNewContact } from '../factories/contact-factory.js';
import { anIntake } from '../factories/intake-factory.js';
import { startSsoIssuer, type SsoIssuer } from '../harness/sso-issuer.js';
import { assertChromiumInstalled, launchLoopbackChromium, type LoopbackBrowser } from './loopback-chromium.js';
import { screenshot, STEP_TIMEOUT_MS } from './playground-session.js';

/**
 * The advisers' tab (issue 6) in headless Chromium, as Teams shows a personal static tab: a host
 * page plays the Teams client (it frames `/tab/session-log` or `/tab/reports` and answers
 * teams-js' postMessage calls with a context and a token from the local SSO issuer), against the
 * composed server on SQLite with the advisers' tab world seeded. The bundles are built first.
 * Each page is also checked with axe-core: no serious or critical violation.
 */
const TENANT = '5f1a0c2e-0000-4000-8000-0000000000aa';
const HOST_PATH = '/__test-host/tab';
/** Contacts of 2024 added for Ahmed (Liperi), so the Liperi adviser's log runs past one page (50). */
const EXTRA_2024_CONTACTS = 30;

let sut: RunningNeuvo;
let issuer: SsoIssuer;
let world: AdvisersTabWorld;
let browser: LoopbackBrowser;
let page: Page;
let profileDir = '';

/** A stand-in for the Teams client showing a personal tab (see test/browser/side-panel.test.ts for the protocol). */
function hostPage(options: { readonly token: string; readonly locale: string; readonly theme: string; readonly userObjectId: string; readonly src: string }): string {
  const runtime = {
    apiVersion: 4,
    isLegacyTeams: false,
    supports: { app: {}, appInitialization: {}, authentication: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {} }, teamsCore: {} },
  };
  const context = {
    locale: options.locale,
    theme: options.theme,
    frameContext: 'content',
    hostClientType: 'web',
    hostName: 'Teams',
    tid: TENANT,
    userObjectId: options.userObjectId,
    appSessionId: 'session-1',
    entityId: options.src.endsWith('reports') ? 'neuvo-reports' : 'neuvo-session-log',
  };
  const host = { token: options.token, runtime: JSON.stringify(runtime), context };
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Teams (test host)</title>
<style>body{margin:0}iframe{border:0;width:100vw;height:100vh;display:block}</style></head>
<body><iframe id="tab" src="${options.src}" title="Neuvo"></iframe>
<script>
const host = ${JSON.stringify(host).replace(/</g, '\\u003c')};
const frame = document.getElementById('tab');
window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow || !event.data || typeof event.data.func !== 'string') return;
  const request = event.data;
  const reply = (args) => frame.contentWindow.postMessage({ id: request.id, uuidAsString: request.uuidAsString, args }, event.origin);
  if (request.func === 'initialize') reply(['content', 'web', host.runtime, '2.58.0']);
  else if (request.func === 'getContext') reply([host.context]);
  else if (request.func === 'authentication.getAuthToken') reply([true, host.token]);
});
window.setTeamsTheme = (theme) => frame.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, location.origin);
</script></body></html>`;
}

/** Opens `path` in the host page as `oid`; returns the tab's frame. */
async function openTab(path: '/tab/session-log' | '/tab/reports', oid: string, locale: string, theme = 'default'): Promise<FrameLocator> {
  const token = await issuer.sign({ tenantId: TENANT, objectId: oid, audience: TAB_CLIENT_ID });
  const html = hostPage({ token, locale, theme, userObjectId: oid, src: path });
  const hostUrl = `${sut.baseUrl}${HOST_PATH}${path}`;
  await page.unrouteAll();
  await page.route(hostUrl, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(hostUrl);
  return page.frameLocator('#tab');
}

function tabFrame(path: string): Frame {
  const frame = page.frames().find((f) => new URL(f.url()).pathname === path);
  if (!frame) throw new Error(`no frame for ${path}`);
  return frame;
}

/**
 * axe-core inside the tab's frame: the violations that matter (serious, critical), by rule id and
 * target. One known false positive is left out, and only it: tabster's focus "bumpers" (Fluent's
 * TabList, charts) are `<i tabindex="0" aria-hidden="true" data-tabster-dummy>` that pass the
 * focus on at once; hidden on purpose so screen readers skip them (microsoft/tabster#288, Fluent's
 * v9 known issues). Any other aria-hidden-focus still fails.
 */
async function seriousViolations(path: string): Promise<string[]> {
  const frame = tabFrame(path);
  await frame.evaluate(axe.source);
  const violations = await frame.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: typeof axe }).axe.run({ resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html })) }));
  });
  return violations
    .map((v) => ({ ...v, nodes: v.id === 'aria-hidden-focus' ? v.nodes.filter((n) => !/^<i [^>]*data-tabster-dummy/.test(n.html)) : v.nodes }))
    .filter((v) => (v.impact === 'serious' || v.impact === 'critical') && v.nodes.length > 0)
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target)
          .slice(0, 5)
          .join(', ')}`,
    );
}

/**
 * A screenshot of the whole tab: the host's iframe is stretched to the page's height first (a
 * full-page shot of the host alone stops at the iframe's 100vh), then put back.
 */
async function tabScreenshot(path: string, name: string): Promise<void> {
  const height = await tabFrame(path).evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document.documentElement.scrollHeight);
  const setHeight = (value: string) =>
    page.evaluate((h) => {
      (globalThis as unknown as { document: { getElementById(id: string): { style: { height: string } } } }).document.getElementById('tab').style.height = h;
    }, value);
  await setHeight(`${height}px`);
  await screenshot(page, name);
  await setHeight('100vh');
}

/** The page's background colour as the browser computed it. */
const background = (tab: FrameLocator) => tab.locator('main').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);

const rowCount = (tab: FrameLocator) => tab.locator('tbody tr[data-contact-id]').count();

describe("the advisers' tab in Chromium", () => {
  const errors: string[] = [];

  beforeAll(async () => {
    assertChromiumInstalled();
    await buildTab();
    issuer = await startSsoIssuer();
    sut = await startNeuvoWithLocalTeams({ tenantId: TENANT }, issuer.tabEnv(TAB_APP_ID_URI));
    world = await seedAdvisersTabWorld(sut.neuvo.uow, TENANT, new Date());
    for (let i = 0; i < EXTRA_2024_CONTACTS; i++) {
      const startedAt = new Date(Date.UTC(2024, 2, 1 + i, 8, 0));
      await sut.neuvo.uow.contacts.create(
        aNewContact({ clientId: world.clients.ahmed.id, adviserId: world.liperiAdviser.id, municipalityCode: 'liperi' }, { startedAt, notes: `Vanha asiointi ${i + 1}` }),
        world.liperiAdviser.id,
        new Date(),
      );
    }
    profileDir = mkdtempSync(join(tmpdir(), 'neuvo-advisers-tab-'));
    browser = await launchLoopbackChromium(profileDir);
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.setViewportSize({ width: 1280, height: 1000 });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.context.close().catch(() => undefined);
    await sut?.close();
    await issuer?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  }, 30_000);

  it('session log: filters, load more, open a contact and correct it, export the filtered view as CSV; light, dark, high contrast', async ({ onTestFailed }) => {
    onTestFailed(() => screenshot(page, 'failed-advisers-session-log'));
    const fi = (key: TabTextKey, params?: Record<string, string | number>) => tabText('fi', key, params);
    const adviser = world.liperiAdviser;
    const tab = await openTab('/tab/session-log', adviser.oid, 'fi-FI');
    await tab.getByRole('heading', { name: fi('sessionLogTitle'), level: 1 }).waitFor();
    expect(await background(tab)).toBe('rgb(255, 255, 255)');

    // Liperi + Outokumpu only: 23 of the world's 30 listed contacts, both meetings, and the 30 of 2024.
    const visible = world.contacts.filter((c) => c.municipalityCode !== 'kontiolahti');
    const total = visible.length + EXTRA_2024_CONTACTS;
    expect(total).toBeGreaterThan(50);
    await tab.getByText(fi('rowsShown', { count: 50 })).waitFor();
    expect(await tab.getByText(world.clients.svetlana.displayName).count()).toBe(0);
    // No cell's text runs past its column (with equal fixed widths, "ma 13.10.2025 10.30" ran into the client's name).
    type Box = { scrollWidth: number; clientWidth: number };
    const overflowing = await tab.locator('tbody td').evaluateAll((cells) => cells.filter((cell) => (cell as unknown as Box).scrollWidth > (cell as unknown as Box).clientWidth + 1).length);
    expect(overflowing).toBe(0);
    await tabScreenshot('/tab/session-log', 'advisers-session-log-light');
    await tab.getByRole('button', { name: fi('loadMore') }).click();
    await tab.getByText(fi('rowsShown', { count: total })).waitFor();
    expect(await tab.getByRole('button', { name: fi('loadMore') }).count()).toBe(0);

    // The no-show filter: the one meeting Olena did not come to, with its badge.
    await tab.getByRole('combobox', { name: fi('noShow') }).selectOption({ label: fi('yes') });
    await tab.getByRole('button', { name: fi('apply') }).click();
    await tab.getByText(fi('rowsShown', { count: 1 })).waitFor();
    // (The outcome of that contact reads "Ei saapunut" too: the badge is Fluent's Badge.)
    expect(await tab.locator(`tr[data-contact-id="${world.noShow.contactId}"] .fui-Badge`).textContent()).toBe(fi('noShowBadge'));

    // Text search over the notes, then a municipality on top of it.
    await tab.getByRole('combobox', { name: fi('noShow') }).selectOption({ label: fi('any') });
    await tab.getByRole('searchbox', { name: fi('search') }).fill(world.search.housingWord);
    await tab.getByRole('button', { name: fi('apply') }).click();
    await tab.getByText(fi('rowsShown', { count: 2 })).waitFor();
    await tab.getByRole('combobox', { name: fi('municipality') }).selectOption({ label: 'Outokumpu' });
    await tab.getByRole('button', { name: fi('apply') }).click();
    await tab.getByText(fi('rowsShown', { count: 1 })).waitFor();
    expect(await tab.locator('tbody').getByText(world.clients.fatima.displayName).count()).toBe(1);

    // A bad filter (one character of search) is refused by the server with its localized message; the table stays.
    await tab.getByRole('searchbox', { name: fi('search') }).fill('a');
    await tab.getByRole('button', { name: fi('apply') }).click();
    await tab
      .getByRole('alert')
      .filter({ hasText: staffText('fi', 'sessionLog.error.badFilter') })
      .waitFor();
    expect(await rowCount(tab)).toBe(1);

    // Export CSV of the view on screen (Outokumpu + the search word): the BOM, the Finnish header, Fatima only.
    await tab.getByRole('searchbox', { name: fi('search') }).fill(world.search.housingWord);
    await tab.getByRole('button', { name: fi('apply') }).click();
    await tab.getByText(fi('rowsShown', { count: 1 })).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), tab.getByRole('button', { name: fi('exportCsv') }).click()]);
    expect(download.suggestedFilename()).toMatch(/^neuvo-session-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      (['date', 'time', 'duration', 'municipality', 'adviser', 'client', 'channel', 'language', 'interpreter', 'topics', 'outcome', 'noShow', 'revision'] as const)
        .map((column) => staffText('fi', `sessionLog.csv.${column}`))
        .join(';'),
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(world.clients.fatima.displayName);
    expect(lines[1]).toContain('Outokumpu');
    await tab.getByText(fi('exported')).waitFor();

    // Open a contact (the held meeting, revision 1): its details and history, then correct it.
    await tab.getByRole('button', { name: fi('clear') }).click();
    await tab.getByText(fi('rowsShown', { count: 50 })).waitFor();
    const heldRow = tab.locator(`tr[data-contact-id="${world.held.contactId}"]`);
    await heldRow.getByRole('button').click();
    const drawer = tab.getByRole('dialog');
    await drawer.getByRole('heading', { name: fi('detailTitle', { client: world.clients.olena.displayName }) }).waitFor();
    await drawer.getByRole('definition').filter({ hasText: 'Teams-tapaaminen pidetty, oleskelulupa-asia selvitetty.' }).waitFor();
    await drawer.getByText(fi('historyFirst', { who: adviser.displayName, when: '' }).trim(), { exact: false }).waitFor();
    await tabScreenshot('/tab/session-log', 'advisers-session-log-contact');

    const p = (key: Parameters<typeof panelText>[1]) => panelText('fi', key);
    await drawer.getByRole('combobox', { name: p('outcome') }).selectOption({ label: 'Jatkotoimet sovittu' });
    await drawer.getByRole('spinbutton', { name: p('duration') }).fill('50');
    // Without a reason: refused in the page, nothing sent, the values stay.
    await drawer.getByRole('button', { name: p('saveCorrection') }).click();
    await drawer
      .getByRole('alert')
      .filter({ hasText: p('reasonRequired') })
      .first()
      .waitFor();
    expect(await drawer.getByRole('combobox', { name: p('outcome') }).inputValue()).toBe('follow_up');
    expect((await sut.neuvo.uow.contacts.get(world.held.contactId))?.revision).toBe(1);
    const reason = 'Tapaaminen venyi, jatkoaika sovittu';
    await drawer.getByRole('textbox', { name: p('reason') }).fill(reason);
    await drawer.getByRole('button', { name: p('saveCorrection') }).click();
    await drawer.getByText(p('corrected'), { exact: true }).waitFor();
    // The history reloads with the new version, who made it and why.
    await drawer.getByText(fi('historyReason', { reason })).waitFor();

    const stored = await sut.neuvo.uow.contacts.get(world.held.contactId);
    expect(stored).toMatchObject({ revision: 2, outcome: 'follow_up', durationMinutes: 50 });
    const history = await sut.neuvo.uow.contacts.history(world.held.contactId);
    expect(history.map((h) => [h.revision, h.reason, h.changedBy])).toEqual([
      [1, null, adviser.id],
      [2, reason, adviser.id],
    ]);
    const audit = await sut.neuvo.uow.audit.list({ clientId: world.clients.olena.id, limit: 200 });
    const update = audit.find((a) => a.action === 'contact.update' && a.entityId === world.held.contactId);
    expect(update).toMatchObject({ actorId: adviser.oid, channel: 'tab', outcome: 'ok', entityType: 'contact' });
    // Field names only: no value of the contact in the audit row.
    expect(JSON.stringify(update)).not.toContain(reason);
    expect(JSON.stringify(update)).not.toContain('Teams-tapaaminen');

    // The table shows the corrected outcome once the drawer closes.
    await drawer.getByRole('button', { name: fi('close') }).click();
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => heldRow.locator('td').nth(6).textContent()).toBe('Jatkotoimet sovittu');

    expect(await seriousViolations('/tab/session-log')).toEqual([]);

    // Teams switches theme: the page follows without a reload.
    await page.evaluate(() => (globalThis as unknown as { setTeamsTheme(theme: string): void }).setTeamsTheme('dark'));
    await expect.poll(() => background(tab)).not.toBe('rgb(255, 255, 255)');
    await tabScreenshot('/tab/session-log', 'advisers-session-log-dark');
    expect(await seriousViolations('/tab/session-log')).toEqual([]);
    await page.evaluate(() => (globalThis as unknown as { setTeamsTheme(theme: string): void }).setTeamsTheme('contrast'));
    await expect.poll(() => background(tab)).toBe('rgb(0, 0, 0)');
    await tabScreenshot('/tab/session-log', 'advisers-session-log-contrast');
    expect(await seriousViolations('/tab/session-log')).toEqual([]);
  }, 240_000);

  it('session log: a colleague saved a correction first (409): the adviser sees who changed what and why, keeps what they typed, and saves on top', async ({ onTestFailed }) => {
    onTestFailed(() => screenshot(page, 'failed-advisers-session-log-stale'));
    const fi = (key: TabTextKey, params?: Record<string, string | number>) => tabText('fi', key, params);
    const p = (key: Parameters<typeof panelText>[1], params?: Record<string, string | number>) => panelText('fi', key, params);
    const adviser = world.liperiAdviser;
    const untouched = new Set([world.held.contactId, world.noShow.contactId, world.corrected.contactId]);
    const contact = world.contacts.find((c) => c.municipalityCode === 'liperi' && !untouched.has(c.id))!;
    expect(contact.revision).toBe(1);
    const tab = await openTab('/tab/session-log', adviser.oid, 'fi-FI');
    await tab.getByText(fi('rowsShown', { count: 50 })).waitFor();
    await tab.locator(`tr[data-contact-id="${contact.id}"]`).getByRole('button').click();
    const drawer = tab.getByRole('dialog');
    await drawer.getByText(p('loggedInfo', { revision: 1 })).waitFor();

    // The adviser types a correction ...
    await drawer.getByRole('spinbutton', { name: p('duration') }).fill('35');
    const reason = 'Kesto kirjattiin väärin';
    await drawer.getByRole('textbox', { name: p('reason') }).fill(reason);
    // ... while the coordinator stores one of their own.
    const colleagueNotes = 'Koordinaattori täydensi: ohjattu kotoutumiskoulutukseen.';
    const colleagueReason = 'Puuttuva ohjaus lisätty';
    const colleague = await sut.neuvo.uow.contacts.correct(contact.id, 1, { ...contact, notes: colleagueNotes }, 1, world.coordinator.id, colleagueReason, new Date());
    expect(colleague.ok).toBe(true);

    await drawer.getByRole('button', { name: p('saveCorrection') }).click();
    // The server's localized 409, the colleague's version and reason in the drawer, the typed values kept.
    await drawer
      .getByRole('alert')
      .filter({ hasText: staffText('fi', 'panel.error.stale') })
      .waitFor();
    await drawer.getByText(p('loggedInfo', { revision: 2 })).waitFor();
    await drawer.getByRole('definition').filter({ hasText: colleagueNotes }).waitFor();
    await drawer.getByText(fi('historyReason', { reason: colleagueReason })).waitFor();
    // What the adviser changed stays; what they did not touch now holds the colleague's version.
    expect(await drawer.getByRole('spinbutton', { name: p('duration') }).inputValue()).toBe('35');
    expect(await drawer.getByRole('textbox', { name: p('reason') }).inputValue()).toBe(reason);
    expect(await drawer.getByRole('textbox', { name: p('notes') }).inputValue()).toBe(colleagueNotes);
    expect(await sut.neuvo.uow.contacts.get(contact.id)).toMatchObject({ revision: 2, notes: colleagueNotes, durationMinutes: contact.durationMinutes });
    await tabScreenshot('/tab/session-log', 'advisers-session-log-stale');

    // Saving again stores on top of the colleague's version, as the adviser's revision 3: both changes kept.
    await drawer.getByRole('button', { name: p('saveCorrection') }).click();
    await drawer.getByText(p('corrected'), { exact: true }).waitFor();
    await drawer.getByText(fi('historyReason', { reason })).waitFor();
    const history = await sut.neuvo.uow.contacts.history(contact.id);
    expect(history.map((h) => [h.revision, h.reason, h.changedBy])).toEqual([
      [1, null, adviser.id],
      [2, colleagueReason, world.coordinator.id],
      [3, reason, adviser.id],
    ]);
    expect(await sut.neuvo.uow.contacts.get(contact.id)).toMatchObject({ revision: 3, durationMinutes: 35, notes: colleagueNotes });
    // Closed, the page is checked as the adviser sees it again.
    await drawer.getByRole('button', { name: fi('close') }).click();
    await drawer.waitFor({ state: 'detached' });
    expect(await seriousViolations('/tab/session-log')).toEqual([]);
  }, 120_000);

  it('reports: coordinator enters the municipal figures and an association, sees the charts, computes cost shares, gets the funder report', async ({ onTestFailed }) => {
    onTestFailed(() => screenshot(page, 'failed-advisers-reports'));
    const en = (key: TabTextKey, params?: Record<string, string | number>) => tabText('en', key, params);
    const tab = await openTab('/tab/reports', world.coordinator.oid, 'en-GB');
    await tab.getByRole('heading', { name: en('reportsTitle'), level: 1 }).waitFor();
    await tab.getByRole('combobox', { name: en('year') }).selectOption('2025');

    // The municipal figures of 2025 (coordinators only): targets and foreign-language residents.
    const municipalities = await sut.neuvo.uow.municipalities.list();
    const residents: Record<string, number> = { joensuu: 6100, liperi: 480, kontiolahti: 730, ilomantsi: 155, outokumpu: 290 };
    const targets: Record<string, number> = { joensuu: 400, liperi: 12, kontiolahti: 60, ilomantsi: 30, outokumpu: 8 };
    await tab.getByRole('tab', { name: en('tabAdmin'), exact: true }).click();
    await tab.getByRole('heading', { name: en('figuresHeading', { year: 2025 }) }).waitFor();
    for (const m of municipalities) {
      await tab.getByRole('textbox', { name: `${m.name}: ${en('contactTarget')}` }).fill(String(targets[m.code] ?? 10));
      await tab.getByRole('textbox', { name: `${m.name}: ${en('foreignResidents')}` }).fill(String(residents[m.code] ?? 100));
    }
    await tab.getByRole('button', { name: en('saveFigures') }).click();
    await tab.getByText(en('figuresSaved')).waitFor();

    // The associations directory: add one, then deactivate it.
    const name = 'Kontiolahden kielikahvila';
    await tab.getByRole('button', { name: en('addAssociation') }).click();
    await tab.getByRole('textbox', { name: en('name') }).fill(name);
    await tab.getByRole('combobox', { name: en('municipality') }).selectOption({ label: municipalities.find((m) => m.code === 'kontiolahti')!.name });
    await tab.getByRole('textbox', { name: en('languagesCodes') }).fill('fi, en, ru');
    await tab.getByRole('textbox', { name: en('activities') }).fill('Language café on Tuesdays');
    await tab.getByRole('textbox', { name: en('contactInfo') }).fill('kahvila@example.test');
    await tab.getByRole('button', { name: en('saveAssociation') }).click();
    await tab.getByText(en('associationSaved')).waitFor();
    const added = (await sut.neuvo.uow.associations.list()).find((a) => a.name === name);
    expect(added).toMatchObject({ municipalityCode: 'kontiolahti', languages: ['fi', 'en', 'ru'], activities: 'Language café on Tuesdays', contactInfo: 'kahvila@example.test', active: true });
    await tab.getByRole('button', { name: `${en('deactivate')}: ${name}` }).click();
    await tab.locator(`tr[data-association="${added!.id}"]`).getByText(en('inactive'), { exact: true }).waitFor();
    expect((await sut.neuvo.uow.associations.get(added!.id))?.active).toBe(false);

    // The figures of 2025: charts drawn as SVG with bars, each with its table.
    await tab.getByRole('tab', { name: en('tabFigures'), exact: true }).click();
    const perMonth = tab.locator('[data-chart="per-month"]');
    await perMonth.locator('svg rect').first().waitFor();
    expect(await perMonth.locator('svg rect').count()).toBeGreaterThan(5);
    await tab.locator('[data-chart="languages"] svg path').first().waitFor();
    await tab.locator('[data-chart="topics"] svg rect').first().waitFor();
    const helsinkiYear = (d: Date) => new Intl.DateTimeFormat('en', { timeZone: 'Europe/Helsinki', year: 'numeric' }).format(d);
    const contacts2025 = world.contacts.filter((c) => helsinkiYear(c.startedAt) === '2025');
    await tab
      .locator('[data-key-figure="contactsTotal"] dd')
      .filter({ hasText: new RegExp(`^${contacts2025.length}$`) })
      .waitFor();
    const vsTarget = tab.locator('[data-chart="vs-target"]');
    await vsTarget.getByText(en('tableBehind')).click();
    const liperiRow = vsTarget.getByRole('row').filter({ hasText: 'Liperi' });
    const liperi2025 = contacts2025.filter((c) => c.municipalityCode === 'liperi').length;
    expect(await liperiRow.getByRole('cell').allTextContents()).toEqual(['Liperi', String(liperi2025), String(targets.liperi)]);
    await tabScreenshot('/tab/reports', 'advisers-reports');
    expect(await seriousViolations('/tab/reports')).toEqual([]);

    // Cost shares of 2025: 70 % the state, the rest by residents.
    await tab.getByRole('tab', { name: en('tabCostShares'), exact: true }).click();
    await tab.getByRole('textbox', { name: en('costTotal') }).fill('abc');
    await tab.getByRole('button', { name: en('compute') }).click();
    await tab.getByText(en('costTotalInvalid')).waitFor();
    await tab.getByRole('textbox', { name: en('costTotal') }).fill('100 000');
    await tab.getByRole('button', { name: en('compute') }).click();
    const euros = (value: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(value);
    await tab
      .getByRole('definition')
      .filter({ hasText: euros(70_000) })
      .waitFor();
    const allResidents = municipalities.reduce((sum, m) => sum + (residents[m.code] ?? 100), 0);
    let sum = 0;
    for (const m of municipalities) {
      const cells = await tab.locator(`tr[data-share="${m.code}"] td`).allTextContents();
      const amount = Number(cells[3]!.replace(/[€,]/g, ''));
      sum += amount;
      expect(cells[0]).toBe(m.name);
      expect(cells[1]).toBe(new Intl.NumberFormat('en-GB').format(residents[m.code] ?? 100));
      // Each share within a cent of 30 000 € × its residents' part.
      expect(Math.abs(amount - (30_000 * (residents[m.code] ?? 100)) / allResidents)).toBeLessThanOrEqual(0.01);
    }
    expect(sum.toFixed(2)).toBe('30000.00');
    await tabScreenshot('/tab/reports', 'advisers-reports-cost-shares');

    // The funder report of 2025 on screen, and its CSV.
    await tab.getByRole('tab', { name: en('tabFunder'), exact: true }).click();
    await tab.getByRole('button', { name: en('show') }).click();
    const report = tab.locator('[data-print="report"]');
    await report.getByRole('heading', { name: en('funderHeading', { from: '2025-01', to: '2025-12' }) }).waitFor();
    const totalRow = report
      .getByRole('row')
      .filter({ hasText: en('section_contacts') })
      .filter({ hasText: en('total') });
    expect(await totalRow.first().getByRole('cell').last().textContent()).toBe(String(contacts2025.length));
    const [download] = await Promise.all([page.waitForEvent('download'), tab.getByRole('button', { name: en('downloadCsv') }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split(/\r?\n/)[0]).toBe((['section', 'item', 'municipality', 'count'] as const).map((k) => staffText('en', `reports.csv.${k}`)).join(';'));
    expect(csv).toContain(`${staffText('en', 'reports.section.contacts')};${staffText('en', 'reports.item.contacts')};${staffText('en', 'reports.csv.allMunicipalities')};${contacts2025.length}`);
    await tabScreenshot('/tab/reports', 'advisers-reports-funder');
    expect(await seriousViolations('/tab/reports')).toEqual([]);
  }, 240_000);

  it("session log: someone the tab does not serve sees the server's refusal, in their language", async () => {
    const tab = await openTab('/tab/session-log', world.municipalStaff.oid, 'sv-FI');
    await tab
      .getByRole('alert')
      .filter({ hasText: staffText('sv', 'sessionLog.error.forbidden') })
      .waitFor();
    expect(await tab.getByRole('button', { name: tabText('sv', 'retry') }).count()).toBe(0);
  }, 60_000);

  it("session log: a coordinator opens a client's contact, reads the audit trail and exports the data as JSON; an adviser gets neither", async ({ onTestFailed }) => {
    onTestFailed(() => screenshot(page, 'failed-advisers-client-data'));
    const en = (key: TabTextKey, params?: Record<string, string | number>) => tabText('en', key, params);
    const { olena } = world.clients;
    // What a register worker writes when it delivers a contact: a disclosure, by a system actor.
    await sut.neuvo.uow.audit.append({
      at: new Date(Date.now() - 3_600_000),
      actorId: 'system:register',
      actorTenantId: null,
      action: 'contact.disclose',
      clientId: olena.id,
      entityType: 'contact',
      entityId: world.noShow.contactId,
      fields: ['topics', 'startedAt'],
      channel: 'worker',
      outcome: 'ok',
    });

    const tab = await openTab('/tab/session-log', world.coordinator.oid, 'en-GB');
    await tab.getByRole('heading', { name: en('sessionLogTitle'), level: 1 }).waitFor();
    await tab.locator(`tr[data-contact-id="${world.noShow.contactId}"]`).getByRole('button').click();
    const drawer = tab.getByRole('dialog');
    await drawer.getByRole('heading', { name: en('detailTitle', { client: olena.displayName }) }).waitFor();
    await drawer.getByRole('heading', { name: en('clientData') }).waitFor();
    // Nothing is read before the coordinator asks: reading the trail is itself audited.
    expect((await sut.neuvo.uow.audit.list({ clientId: olena.id, limit: 1000 })).filter((a) => a.action === 'audit.read')).toEqual([]);

    await drawer.getByRole('button', { name: en('showAuditTrail') }).click();
    const trail = drawer.getByRole('table', { name: en('auditTrail') });
    await trail.waitFor();
    const disclosure = trail.getByRole('row').filter({ hasText: 'contact.disclose' });
    expect(await disclosure.getByRole('cell').allTextContents()).toEqual([expect.any(String), 'system:register', 'contact.disclose', 'topics, startedAt', 'worker', 'ok']);
    // The coordinator's own reading of the contact, by name.
    await trail.getByRole('row').filter({ hasText: world.coordinator.displayName }).first().waitFor();
    const stored = await sut.neuvo.uow.audit.list({ clientId: olena.id, limit: 1000 });
    expect(stored[0]).toMatchObject({ action: 'audit.read', actorId: world.coordinator.oid, outcome: 'ok', channel: 'tab' });
    // Newest first, as stored (the audit.read row of this very reading came after the page was read).
    const shown = (await trail.locator('tbody tr').evaluateAll((rows) => rows.map((r) => (r as unknown as { cells: { textContent: string }[] }).cells[2]!.textContent))) as string[];
    expect(shown).toEqual(stored.slice(1, 1 + shown.length).map((a) => a.action));
    await tabScreenshot('/tab/session-log', 'advisers-session-log-audit');
    expect(await seriousViolations('/tab/session-log')).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), drawer.getByRole('button', { name: en('exportClient') }).click()]);
    expect(download.suggestedFilename()).toBe(`neuvo-client-${olena.id}.json`);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      client: { id: string; displayName: string };
      contacts: { id: string }[];
      bookings: { id: string }[];
      disclosures: { action: string; entityId: string }[];
    };
    expect(exported.client).toMatchObject({ id: olena.id, displayName: olena.displayName });
    expect(exported.contacts.map((c) => c.id)).toContain(world.noShow.contactId);
    expect(exported.bookings.map((b) => b.id)).toContain(world.noShow.bookingId);
    expect(exported.disclosures).toContainEqual(expect.objectContaining({ action: 'contact.disclose', entityId: world.noShow.contactId }));
    await drawer.getByText(en('exportedClient')).waitFor();
    expect((await sut.neuvo.uow.audit.list({ clientId: olena.id, limit: 1 }))[0]).toMatchObject({ action: 'client.export', actorId: world.coordinator.oid, outcome: 'ok' });

    // An adviser of Olena's own municipality opens the same contact: no client data section at all.
    const adviserTab = await openTab('/tab/session-log', world.liperiAdviser.oid, 'en-GB');
    await adviserTab.getByRole('heading', { name: en('sessionLogTitle'), level: 1 }).waitFor();
    await adviserTab.locator(`tr[data-contact-id="${world.noShow.contactId}"]`).getByRole('button').click();
    const adviserDrawer = adviserTab.getByRole('dialog');
    await adviserDrawer.getByRole('heading', { name: en('history') }).waitFor();
    expect(await adviserDrawer.getByRole('heading', { name: en('clientData') }).count()).toBe(0);
    expect(await adviserDrawer.getByRole('button', { name: en('showAuditTrail') }).count()).toBe(0);
    expect(await adviserDrawer.getByRole('button', { name: en('exportClient') }).count()).toBe(0);
  }, 120_000);

  it("session log: a coordinator records a client's erasure request after a warning; the intake goes, the register's contacts stay until the date shown", async ({ onTestFailed }) => {
    onTestFailed(() => screenshot(page, 'failed-advisers-erasure'));
    const fi = (key: TabTextKey, params?: Record<string, string | number>) => tabText('fi', key, params);
    const { fatima } = world.clients;
    const uow = sut.neuvo.uow;
    await uow.intakes.save(fatima.id, anIntake(), new Date());
    const fatimaContact = world.contacts.find((c) => c.clientId === fatima.id)!;
    const tab = await openTab('/tab/session-log', world.coordinator.oid, 'fi-FI');
    await tab.getByRole('heading', { name: fi('sessionLogTitle'), level: 1 }).waitFor();
    await tab.locator(`tr[data-contact-id="${fatimaContact.id}"]`).getByRole('button').click();
    const drawer = tab.getByRole('dialog');
    await drawer.getByRole('heading', { name: fi('clientData') }).waitFor();

    // The first click only warns; Cancel leaves everything as it was.
    await drawer.getByRole('button', { name: fi('eraseClient') }).click();
    await drawer.getByText(fi('eraseExplain')).waitFor();
    expect(await seriousViolations('/tab/session-log')).toEqual([]);
    await drawer.getByRole('button', { name: fi('cancel') }).click();
    await drawer.getByText(fi('eraseExplain')).waitFor({ state: 'detached' });
    expect(await uow.retention.listErasures(fatima.id)).toEqual([]);
    expect(await uow.intakes.latestForClient(fatima.id)).toBeDefined();

    await drawer.getByRole('button', { name: fi('eraseClient') }).click();
    await drawer.getByRole('button', { name: fi('eraseConfirm'), exact: true }).click();
    await expect.poll(async () => (await uow.retention.listErasures(fatima.id)).length).toBe(1);
    const [stored] = await uow.retention.listErasures(fatima.id);
    expect(stored).toMatchObject({ outcome: 'partly_erased', erased: expect.arrayContaining(['intakes']), kept: ['client', 'contacts'], keptReason: 'statutory_register', recordedBy: world.coordinator.id });
    // The server's own words, in Finnish, with the date the register lets go of the contacts.
    await drawer
      .getByRole('status')
      .filter({ hasText: staffText('fi', 'privacy.erasure.partly', { date: localDateOf(stored!.keptUntil!) }) })
      .waitFor();
    expect(await uow.intakes.latestForClient(fatima.id)).toBeUndefined();
    expect((await uow.contacts.get(fatimaContact.id))?.clientId).toBe(fatima.id);
    expect((await uow.audit.list({ clientId: fatima.id, limit: 1 }))[0]).toMatchObject({ action: 'client.erase', actorId: world.coordinator.oid, outcome: 'ok', channel: 'tab' });
    await tabScreenshot('/tab/session-log', 'advisers-session-log-erasure');
    expect(await seriousViolations('/tab/session-log')).toEqual([]);
  }, 120_000);

  it("no console errors but the CSP refusing teams-js' CDN list, and nothing left the machine", () => {
    const cspRefusal = /res\.cdn\.office\.net\/teams-js\/validDomains\/.*Content Security Policy|Content Security Policy.*res\.cdn\.office\.net\/teams-js\/validDomains\//;
    // A refused request (400, 403, the 409 of a stale correction) is logged by Chromium as a failed resource load: expected above.
    const failedLoad = /Failed to load resource: the server responded with a status of (400|403|409)/;
    expect(errors.filter((message) => !cspRefusal.test(message) && !failedLoad.test(message))).toEqual([]);
    expect(browser.blocked).toEqual([]);
  });
});
