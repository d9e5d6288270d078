import restify, { type Server } from 'restify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryUnitOfWork } from '../../../test/fakes/in-memory-unit-of-work.js';
import { staffText } from '../../i18n/staff/index.js';
import { NO_REGISTERS } from '../../use-cases/register/register-sync.js';
import { createLogger } from '../system/logger.js';
import { listen } from './server.js';
import { registerTabApi } from './tab-api.js';
import { tabRateLimiter } from './tab-route.js';

/** What the composed server does is in test/e2e/side-panel-api.test.ts; here: the API without SSO set up. */
describe('the tab API without TAB_* settings', () => {
  let server: Server;
  let base = '';
  const uow = new InMemoryUnitOfWork();

  beforeEach(async () => {
    server = restify.createServer({ handleUncaughtExceptions: false });
    registerTabApi(server, { uow, clock: () => new Date(), logger: createLogger('silent'), limiter: tabRateLimiter(), registers: NO_REGISTERS });
    base = `http://127.0.0.1:${await listen(server, '127.0.0.1', 0)}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers every call 503 not_configured, in the caller\'s language, and writes nothing', async () => {
    const res = await fetch(`${base}/api/tab/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'sv-FI', authorization: 'Bearer a.b.c' },
      body: '{}',
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ error: { code: 'not_configured', message: staffText('sv', 'panel.error.notConfigured') } });
    expect(await uow.audit.list({})).toEqual([]);
  });
});
