import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, TEAMS_SERVICE_URL_HOSTS } from './config.js';

const production = {
  NEUVO_MODE: 'production',
  BOT_ID: '11111111-1111-1111-1111-111111111111',
  BOT_PASSWORD: 'not-a-real-secret',
  BOT_TENANT_ID: '22222222-2222-2222-2222-222222222222',
  ALLOWED_TENANT_IDS: '22222222-2222-2222-2222-222222222222, 33333333-3333-3333-3333-333333333333',
};

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads a production configuration with Teams Toolkit names', () => {
    const sut = loadConfig(production);
    expect(sut.mode).toBe('production');
    expect(sut.host).toBe('0.0.0.0');
    expect(sut.port).toBe(3978);
    expect(sut.bot).toMatchObject({ id: production.BOT_ID, tenantId: production.BOT_TENANT_ID, type: 'SingleTenant' });
    expect(sut.bot.endpoints).toBeUndefined();
    expect([...sut.allowedTenantIds]).toEqual(['22222222-2222-2222-2222-222222222222', '33333333-3333-3333-3333-333333333333']);
    expect(sut.database).toEqual({ kind: 'sqlite', dataDir: './data' });
    expect(sut.seedDemoData).toBe(false);
  });

  it('is the default mode, and production refuses to start without credentials, listing every problem at once', () => {
    const problems = problemsOf({});
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('BOT_ID is required in production'),
        expect.stringContaining('BOT_PASSWORD is required in production'),
        expect.stringContaining('ALLOWED_TENANT_IDS is required in production'),
        expect.stringContaining('HOST=0.0.0.0'),
      ]),
    );
  });

  it('treats empty strings as absent (App Service sets empty settings)', () => {
    expect(problemsOf({ ...production, BOT_ID: '' })).toEqual(expect.arrayContaining([expect.stringContaining('BOT_ID is required')]));
  });

  it('takes the four channel endpoint overrides together, and only together', () => {
    const endpoints = {
      BOT_OPENID_METADATA_URL: 'http://127.0.0.1:5000/.well-known/openidconfiguration',
      BOT_TOKEN_ISSUER: 'https://127.0.0.1:5000/issuer',
      BOT_LOGIN_URL: 'https://127.0.0.1:5001/tenant',
      BOT_OAUTH_SCOPE: 'https://api.botframework.com',
    };
    expect(loadConfig({ ...production, ...endpoints }).bot.endpoints).toEqual({
      openIdMetadataUrl: endpoints.BOT_OPENID_METADATA_URL,
      tokenIssuer: endpoints.BOT_TOKEN_ISSUER,
      loginUrl: endpoints.BOT_LOGIN_URL,
      oauthScope: endpoints.BOT_OAUTH_SCOPE,
    });
    const { BOT_LOGIN_URL: _login, BOT_OAUTH_SCOPE: _scope, ...partial } = endpoints;
    expect(problemsOf({ ...production, ...partial })).toEqual([expect.stringContaining('missing BOT_LOGIN_URL, BOT_OAUTH_SCOPE')]);
    expect(problemsOf({ ...production, ...endpoints, BOT_LOGIN_URL: 'http://127.0.0.1:5001/tenant' })).toEqual([
      expect.stringContaining('BOT_LOGIN_URL must be an https://'),
    ]);
  });

  it('lets local mode run without credentials, on loopback only, with demo data', () => {
    const sut = loadConfig({ NEUVO_MODE: 'local' });
    expect(sut.bot.id).toBe('');
    expect(sut.host).toBe('127.0.0.1');
    expect(sut.seedDemoData).toBe(true);
    expect(sut.allowedTenantIds.size).toBe(0);
    expect(problemsOf({ NEUVO_MODE: 'local', HOST: '0.0.0.0' })).toEqual([expect.stringContaining('only on loopback')]);
  });

  it("accepts replies only to Teams' service hosts in production, loopback for local channels, or the hosts given", () => {
    expect(loadConfig(production).bot.serviceUrlHosts).toEqual(TEAMS_SERVICE_URL_HOSTS);
    expect(loadConfig(production).bot.serviceUrlHosts).toContain('smba.trafficmanager.net');
    expect(loadConfig({ NEUVO_MODE: 'local' }).bot.serviceUrlHosts).toEqual(['127.0.0.1', 'localhost', '[::1]']);
    expect(loadConfig({ ...production, BOT_SERVICE_URL_HOSTS: ' SMBA.example.test , other.example.test' }).bot.serviceUrlHosts).toEqual(['smba.example.test', 'other.example.test']);
  });

  it('chooses PostgreSQL from DATABASE_URL and rejects other schemes', () => {
    expect(loadConfig({ ...production, DATABASE_URL: 'postgres://app@db.internal/neuvo' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://app@db.internal/neuvo',
      poolSize: 20,
    });
    expect(loadConfig({ ...production, DATABASE_URL: 'postgres://app@db.internal/neuvo', DATABASE_POOL_SIZE: '8' }).database).toMatchObject({ poolSize: 8 });
    expect(problemsOf({ ...production, DATABASE_URL: 'postgres://app@db.internal/neuvo', DATABASE_POOL_SIZE: '1' })).toEqual([expect.stringContaining('DATABASE_POOL_SIZE')]);
    expect(problemsOf({ ...production, DATABASE_URL: 'mysql://x' })).toEqual([expect.stringContaining('DATABASE_URL must start with postgres')]);
  });

  it('reads extra municipalities as code=Name pairs and reports bad ones', () => {
    expect(loadConfig({ ...production, NEUVO_EXTRA_MUNICIPALITIES: 'polvijarvi=Polvijärvi, juuka=Juuka' }).extraMunicipalities).toEqual([
      { code: 'polvijarvi', name: 'Polvijärvi' },
      { code: 'juuka', name: 'Juuka' },
    ]);
    expect(problemsOf({ ...production, NEUVO_EXTRA_MUNICIPALITIES: 'Bad Code=X' })).toEqual([expect.stringContaining('"Bad Code=X"')]);
  });

  it('reads the retention periods: defaults, a municipality of its own, and refuses bad ones all at once', () => {
    expect(loadConfig(production).retention).toEqual({ intakeDays: 30, registerDays: 2190, registerDaysByMunicipality: {}, purgeIntervalHours: 24 });
    const own = loadConfig({ ...production, RETENTION_INTAKE_DAYS: '14', RETENTION_REGISTER_DAYS: '3650', RETENTION_REGISTER_DAYS_BY_MUNICIPALITY: 'liperi=1825, outokumpu = 730' });
    expect(own.retention).toEqual({ intakeDays: 14, registerDays: 3650, registerDaysByMunicipality: { liperi: 1825, outokumpu: 730 }, purgeIntervalHours: 24 });
    expect(problemsOf({ ...production, RETENTION_REGISTER_DAYS_BY_MUNICIPALITY: 'liperi=0,Joensuu=10,liperi=5,kontiolahti' })).toEqual([
      expect.stringContaining('"liperi=0"'),
      expect.stringContaining('"Joensuu=10"'),
      expect.stringContaining('"kontiolahti"'),
    ]);
    expect(problemsOf({ ...production, RETENTION_REGISTER_DAYS_BY_MUNICIPALITY: 'liperi=5,liperi=6' })).toEqual([expect.stringContaining('"liperi" is given twice')]);
    expect(problemsOf({ ...production, RETENTION_INTAKE_DAYS: '0', RETENTION_REGISTER_DAYS: '9999999' }).map((p) => p.split(':')[0])).toEqual(['RETENTION_INTAKE_DAYS', 'RETENTION_REGISTER_DAYS']);
  });

  it('reports type errors of several variables together', () => {
    const problems = problemsOf({ ...production, PORT: 'eighty', BOT_TYPE: 'Anonymous', LOG_LEVEL: 'loud' });
    expect(problems.map((p) => p.split(':')[0])).toEqual(expect.arrayContaining(['PORT', 'BOT_TYPE', 'LOG_LEVEL']));
  });

  it('reads the outbox lease (default 60 s) and refuses one under a second', () => {
    expect(loadConfig(production).outbox).toEqual({ pollMs: 1000, maxAttempts: 8, leaseMs: 60_000 });
    expect(loadConfig({ ...production, OUTBOX_LEASE_MS: '2000' }).outbox.leaseMs).toBe(2000);
    expect(problemsOf({ ...production, OUTBOX_LEASE_MS: '999' })).toEqual([expect.stringContaining('OUTBOX_LEASE_MS')]);
  });

  it('turns Graph on with GRAPH_CLIENT_ID, defaulting the tenant to the bot tenant, and checks the rest', () => {
    expect(loadConfig(production).graph).toBeUndefined();
    expect(loadConfig({ ...production, GRAPH_CLIENT_ID: 'graph-app', GRAPH_CLIENT_SECRET: 's' }).graph).toEqual({
      baseUrl: 'https://graph.microsoft.com',
      tenantId: production.BOT_TENANT_ID,
      clientId: 'graph-app',
      clientSecret: 's',
    });
    expect(problemsOf({ ...production, GRAPH_CLIENT_ID: 'graph-app', GRAPH_BASE_URL: 'http://127.0.0.1:9' })).toEqual([
      expect.stringContaining('GRAPH_CLIENT_SECRET is required'),
      expect.stringContaining('GRAPH_BASE_URL must be https://'),
    ]);
  });

  it('turns the tab SSO on with TAB_APP_ID_URI, accepting the URI and its client id as audience, with Entra defaults', () => {
    expect(loadConfig(production).tab).toBeUndefined();
    const uri = 'api://neuvo.example.fi/44444444-4444-4444-8444-444444444444';
    expect(loadConfig({ ...production, TAB_APP_ID_URI: uri }).tab).toEqual({
      appIdUri: uri,
      audiences: [uri, '44444444-4444-4444-8444-444444444444'],
      jwksUrl: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
      issuerTemplate: 'https://login.microsoftonline.com/{tid}/v2.0',
    });
    const local = { TAB_SSO_JWKS_URL: 'http://127.0.0.1:5000/keys', TAB_SSO_ISSUER_TEMPLATE: 'http://127.0.0.1:5000/{tid}/v2.0' };
    expect(loadConfig({ ...production, TAB_APP_ID_URI: 'api://127.0.0.1/neuvo-tab', ...local }).tab).toMatchObject({ audiences: ['api://127.0.0.1/neuvo-tab'], jwksUrl: local.TAB_SSO_JWKS_URL });
  });

  it('requires TAB_APP_ID_URI in production when the tab is on, and pinned, https (or loopback) keys and issuer', () => {
    expect(problemsOf({ ...production, TAB_SSO_JWKS_URL: 'https://keys.example.test/keys' })).toEqual([expect.stringContaining('TAB_APP_ID_URI is required')]);
    expect(problemsOf({ ...production, TAB_APP_ID_URI: 'https://neuvo.example.fi' })).toEqual([expect.stringContaining('TAB_APP_ID_URI must look like api://')]);
    expect(
      problemsOf({ ...production, TAB_APP_ID_URI: 'api://neuvo.example.fi/app', TAB_SSO_JWKS_URL: 'http://keys.example.test/keys', TAB_SSO_ISSUER_TEMPLATE: 'https://login.example.test/common/v2.0' }),
    ).toEqual([expect.stringContaining('must contain {tid}'), expect.stringContaining('TAB_SSO_JWKS_URL must be https://')]);
  });

  it('returns a frozen object', () => {
    const sut = loadConfig(production);
    expect(Object.isFrozen(sut)).toBe(true);
    expect(Object.isFrozen(sut.bot)).toBe(true);
    expect(() => {
      (sut as { port: number }).port = 1;
    }).toThrow(TypeError);
  });
});
