import { isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_INTAKE_DAYS, DEFAULT_REGISTER_DAYS, MAX_RETENTION_DAYS, parseRegisterDaysByMunicipality, type RetentionPolicy } from '../domain/privacy/retention.js';
import { parseRegisterSinks, type RegisterSinkConfig } from './register-sinks.js';

/**
 * The only reader of `process.env` (DESIGN.md, STYLE.md habit 4). Every variable is validated at
 * start, every problem is reported at once, and the result is frozen.
 *
 * Names follow the Teams Toolkit convention (`BOT_ID`, `BOT_PASSWORD`, …) so that the toolkit,
 * App Service settings and our test harness can all drive the same server.
 */
export type NeuvoMode = 'production' | 'local';
export type BotType = 'SingleTenant' | 'MultiTenant' | 'UserAssignedMsi';

export interface ChannelEndpoints {
  /** OpenID metadata document whose JWKS signs channel → bot tokens. */
  readonly openIdMetadataUrl: string;
  /** `iss` expected on channel → bot tokens. */
  readonly tokenIssuer: string;
  /** HTTPS authority from which the bot gets its outbound token (MSAL `authority`). */
  readonly loginUrl: string;
  /** Scope requested for outbound calls to the connector. */
  readonly oauthScope: string;
}

export interface MunicipalitySeed {
  readonly code: string;
  readonly name: string;
}

export interface Config {
  readonly mode: NeuvoMode;
  readonly host: string;
  readonly port: number;
  readonly bot: {
    /** Empty only in local mode: botbuilder then disables auth, which production forbids. */
    readonly id: string;
    readonly password: string;
    readonly tenantId: string;
    readonly type: BotType;
    /** Absent: Microsoft's public cloud endpoints. */
    readonly endpoints?: ChannelEndpoints;
    /**
     * Host names an inbound activity's `serviceUrl` may name. Replies and proactive messages go
     * there with the bot's token, so anything else is refused (BOT_SERVICE_URL_HOSTS).
     */
    readonly serviceUrlHosts: readonly string[];
    /** Activities one person (tenant + Entra id) may send per minute; more get 429 + Retry-After. */
    readonly userTurnsPerMinute: number;
  };
  readonly database:
    | { readonly kind: 'sqlite'; readonly dataDir: string }
    | { readonly kind: 'postgres'; readonly url: string; readonly poolSize: number };
  /** Empty set = every tenant (allowed only in local mode). */
  readonly allowedTenantIds: ReadonlySet<string>;
  /** Municipalities seeded beside the five partner municipalities. */
  readonly extraMunicipalities: readonly MunicipalitySeed[];
  readonly seedDemoData: boolean;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * Outbox worker: poll interval, tries before a row is dead-lettered, and the lease: how long a
   * claimed batch stays invisible to other workers, so also how soon a crashed worker's batch is
   * delivered again (it must outlast a whole batch, or two workers deliver the same row at once).
   */
  readonly outbox: { readonly pollMs: number; readonly maxAttempts: number; readonly leaseMs: number };
  /**
   * The expert channel's SLA (issue 5): office-time minutes an unclaimed question waits before the
   * on-duty backup is called in, normal and urgent (EXPERT_CLAIM_MINUTES, EXPERT_URGENT_CLAIM_MINUTES).
   */
  readonly expertSla: { readonly claimMinutes: number; readonly urgentClaimMinutes: number };
  /** Microsoft Graph (Teams meetings for bookings); absent = not configured (meetings wait in the outbox). */
  readonly graph?: GraphConfig;
  /** The meeting side panel's SSO (Teams tab); absent = the tab API answers 503 not_configured. */
  readonly tab?: TabConfig;
  /** The municipalities' registers contacts are copied to (REGISTER_SINKS); empty = none. */
  readonly registerSinks: readonly RegisterSinkConfig[];
  /**
   * How long personal data is kept (issue 7; domain/privacy/retention.ts): RETENTION_INTAKE_DAYS,
   * RETENTION_REGISTER_DAYS and RETENTION_REGISTER_DAYS_BY_MUNICIPALITY (`liperi=3650,…`), and how
   * often the purge runs (RETENTION_PURGE_INTERVAL_HOURS).
   */
  readonly retention: RetentionPolicy & { readonly purgeIntervalHours: number };
  /**
   * Days a card button's action token works (CARD_ACTION_TOKEN_DAYS; ADR 14). Default 60: longer
   * than the 42-day booking horizon, so a confirmation card's "cancel" works until the appointment.
   */
  readonly cardActionTokenDays: number;
}

export interface GraphConfig {
  /** Graph's origin; https only (the Graph client sends its token over https only). */
  readonly baseUrl: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Entra authority; absent = https://login.microsoftonline.com/<tenantId>. */
  readonly authority?: string;
  /** Mailbox (UPN) confirmations are sent from; absent = no e-mail (rows wait in the outbox). */
  readonly mailFrom?: string;
}

export interface TabConfig {
  /** The SSO app's Application ID URI, `api://<host>/<client id>` (aud of v1-shaped tokens). */
  readonly appIdUri: string;
  /** Accepted `aud` values: the URI and, when its last segment is one, the client id (v2 tokens). */
  readonly audiences: readonly string[];
  /** Where the signing keys are (Entra's common JWKS by default). */
  readonly jwksUrl: string;
  /** Expected `iss` with `{tid}` for the token's own tenant. */
  readonly issuerTemplate: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly reason = 'invalid_config';
  constructor(readonly problems: readonly string[]) {
    super(
      `Neuvo cannot start: the configuration has ${problems.length} problem(s).\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nSee README.md "Configuration" for every variable.',
    );
  }
}

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const httpUrl = z.preprocess(emptyToUndefined, z.string().url().optional());
const booleanFlag = z.preprocess(
  emptyToUndefined,
  z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional(),
);

const EnvSchema = z.object({
  NEUVO_MODE: z.preprocess(emptyToUndefined, z.enum(['production', 'local']).default('production')),
  HOST: optionalString,
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
  BOT_ID: optionalString,
  BOT_PASSWORD: optionalString,
  BOT_TENANT_ID: optionalString,
  BOT_TYPE: z.preprocess(emptyToUndefined, z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMsi']).default('SingleTenant')),
  BOT_OPENID_METADATA_URL: httpUrl,
  BOT_TOKEN_ISSUER: optionalString,
  BOT_LOGIN_URL: httpUrl,
  BOT_OAUTH_SCOPE: optionalString,
  BOT_SERVICE_URL_HOSTS: optionalString,
  BOT_USER_TURNS_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1_000_000).default(120)),
  DATABASE_URL: optionalString,
  DATABASE_POOL_SIZE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(2).max(200).default(20)),
  NEUVO_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  ALLOWED_TENANT_IDS: optionalString,
  NEUVO_EXTRA_MUNICIPALITIES: optionalString,
  NEUVO_SEED_DEMO_DATA: booleanFlag,
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  OUTBOX_POLL_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(10).default(1000)),
  OUTBOX_MAX_ATTEMPTS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(8)),
  OUTBOX_LEASE_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1000).default(60_000)),
  EXPERT_CLAIM_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(24 * 60).default(60)),
  EXPERT_URGENT_CLAIM_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(24 * 60).default(15)),
  GRAPH_BASE_URL: z.preprocess(emptyToUndefined, z.string().url().default('https://graph.microsoft.com')),
  GRAPH_TENANT_ID: optionalString,
  GRAPH_CLIENT_ID: optionalString,
  GRAPH_CLIENT_SECRET: optionalString,
  GRAPH_AUTHORITY: httpUrl,
  GRAPH_MAIL_FROM: optionalString,
  TAB_APP_ID_URI: optionalString,
  TAB_SSO_JWKS_URL: httpUrl,
  TAB_SSO_ISSUER_TEMPLATE: optionalString,
  REGISTER_SINKS: optionalString,
  RETENTION_INTAKE_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(MAX_RETENTION_DAYS).default(DEFAULT_INTAKE_DAYS)),
  RETENTION_REGISTER_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(MAX_RETENTION_DAYS).default(DEFAULT_REGISTER_DAYS)),
  RETENTION_REGISTER_DAYS_BY_MUNICIPALITY: optionalString,
  RETENTION_PURGE_INTERVAL_HOURS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(24 * 7).default(24)),
  CARD_ACTION_TOKEN_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(365).default(60)),
});

const ENDPOINT_VARS = ['BOT_OPENID_METADATA_URL', 'BOT_TOKEN_ISSUER', 'BOT_LOGIN_URL', 'BOT_OAUTH_SCOPE'] as const;

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

function parseMunicipalities(raw: string | undefined, problems: string[]): MunicipalitySeed[] {
  if (!raw) return [];
  return raw.split(',').flatMap((pair) => {
    const [code, name] = pair.split('=').map((s) => s.trim());
    if (!code || !name || !/^[a-z0-9_-]{2,40}$/.test(code)) {
      problems.push(`NEUVO_EXTRA_MUNICIPALITIES: "${pair}" is not "code=Name" (code: a-z, 0-9, _ or -).`);
      return [];
    }
    return [{ code, name }];
  });
}

/**
 * Reads and validates the environment. Throws {@link ConfigError} listing every problem.
 *
 * Rules beyond types:
 * - the four channel endpoint variables come all together or not at all;
 * - production needs bot credentials (botbuilder silently disables auth when `BOT_ID` is empty)
 *   and a tenant allow-list;
 * - without credentials (local mode only) the server must listen on loopback.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];

  const givenEndpoints = ENDPOINT_VARS.filter((k) => e[k] !== undefined);
  if (givenEndpoints.length > 0 && givenEndpoints.length < ENDPOINT_VARS.length) {
    const missing = ENDPOINT_VARS.filter((k) => e[k] === undefined);
    problems.push(`Channel endpoint overrides come all four or none: missing ${missing.join(', ')}.`);
  }
  if (e.BOT_LOGIN_URL && !e.BOT_LOGIN_URL.startsWith('https://')) {
    problems.push('BOT_LOGIN_URL must be an https:// authority (MSAL refuses plain http).');
  }

  const authDisabled = !e.BOT_ID;
  if (e.NEUVO_MODE === 'production') {
    if (!e.BOT_ID) problems.push('BOT_ID is required in production: without it botbuilder accepts unauthenticated requests.');
    if (!e.BOT_PASSWORD && e.BOT_TYPE !== 'UserAssignedMsi') problems.push('BOT_PASSWORD is required in production (or BOT_TYPE=UserAssignedMsi).');
    if (!e.ALLOWED_TENANT_IDS) problems.push('ALLOWED_TENANT_IDS is required in production (comma-separated Entra tenant ids).');
  }
  if (e.BOT_TYPE === 'SingleTenant' && e.BOT_ID && !e.BOT_TENANT_ID) {
    problems.push('BOT_TENANT_ID is required when BOT_TYPE=SingleTenant.');
  }
  if (e.BOT_ID && !e.BOT_PASSWORD && e.BOT_TYPE !== 'UserAssignedMsi') {
    problems.push('BOT_PASSWORD is required when BOT_ID is set (or BOT_TYPE=UserAssignedMsi).');
  }

  const host = e.HOST ?? (e.NEUVO_MODE === 'local' ? '127.0.0.1' : '0.0.0.0');
  if (authDisabled && !isLoopback(host)) {
    problems.push(`HOST=${host}: without bot credentials the server may listen only on loopback (127.0.0.1).`);
  }

  let database: Config['database'];
  if (e.DATABASE_URL) {
    if (!/^postgres(ql)?:\/\//.test(e.DATABASE_URL)) problems.push('DATABASE_URL must start with postgres:// or postgresql://.');
    database = { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE };
  } else {
    database = { kind: 'sqlite', dataDir: e.NEUVO_DATA_DIR };
  }

  const extraMunicipalities = parseMunicipalities(e.NEUVO_EXTRA_MUNICIPALITIES, problems);
  const graph = graphConfig(e, problems);
  const tab = tabConfig(e, problems);
  const registerSinks = parseRegisterSinks(e.REGISTER_SINKS, env, { graphConfigured: graph !== undefined, production: e.NEUVO_MODE === 'production' }, problems);
  const registerDays = parseRegisterDaysByMunicipality(e.RETENTION_REGISTER_DAYS_BY_MUNICIPALITY);
  problems.push(...registerDays.problems.map((p) => `RETENTION_REGISTER_DAYS_BY_MUNICIPALITY: ${p}.`));
  if (problems.length > 0) throw new ConfigError(problems);

  const endpoints: ChannelEndpoints | undefined =
    givenEndpoints.length === ENDPOINT_VARS.length
      ? {
          openIdMetadataUrl: e.BOT_OPENID_METADATA_URL!,
          tokenIssuer: e.BOT_TOKEN_ISSUER!,
          loginUrl: e.BOT_LOGIN_URL!,
          oauthScope: e.BOT_OAUTH_SCOPE!,
        }
      : undefined;

  const config: Config = {
    mode: e.NEUVO_MODE,
    host,
    port: e.PORT,
    bot: {
      id: e.BOT_ID ?? '',
      password: e.BOT_PASSWORD ?? '',
      tenantId: e.BOT_TENANT_ID ?? '',
      type: e.BOT_TYPE,
      ...(endpoints ? { endpoints: Object.freeze(endpoints) } : {}),
      serviceUrlHosts: serviceUrlHosts(e.BOT_SERVICE_URL_HOSTS, endpoints !== undefined || e.NEUVO_MODE === 'local'),
      userTurnsPerMinute: e.BOT_USER_TURNS_PER_MINUTE,
    },
    database,
    allowedTenantIds: new Set(
      (e.ALLOWED_TENANT_IDS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    ),
    extraMunicipalities,
    seedDemoData: e.NEUVO_SEED_DEMO_DATA ?? e.NEUVO_MODE === 'local',
    logLevel: e.LOG_LEVEL,
    outbox: { pollMs: e.OUTBOX_POLL_MS, maxAttempts: e.OUTBOX_MAX_ATTEMPTS, leaseMs: e.OUTBOX_LEASE_MS },
    expertSla: { claimMinutes: e.EXPERT_CLAIM_MINUTES, urgentClaimMinutes: e.EXPERT_URGENT_CLAIM_MINUTES },
    ...(graph ? { graph } : {}),
    ...(tab ? { tab } : {}),
    registerSinks,
    retention: {
      intakeDays: e.RETENTION_INTAKE_DAYS,
      registerDays: e.RETENTION_REGISTER_DAYS,
      registerDaysByMunicipality: registerDays.value,
      purgeIntervalHours: e.RETENTION_PURGE_INTERVAL_HOURS,
    },
    cardActionTokenDays: e.CARD_ACTION_TOKEN_DAYS,
  };
  return deepFreeze(config);
}

/**
 * Teams' Bot Framework service hosts (public cloud, GCC, GCC High, DoD): every Teams `serviceUrl`
 * is https on one of them (e.g. `https://smba.trafficmanager.net/emea/`).
 */
export const TEAMS_SERVICE_URL_HOSTS: readonly string[] = Object.freeze([
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
]);

/** Loopback: the local Teams client (Agents Playground) and the test channel. */
const LOOPBACK_HOSTS: readonly string[] = Object.freeze(['127.0.0.1', 'localhost', '[::1]']);

/** BOT_SERVICE_URL_HOSTS when given; else loopback for local channels, Teams' hosts otherwise. */
function serviceUrlHosts(given: string | undefined, localChannel: boolean): readonly string[] {
  const listed = (given ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  if (listed.length > 0) return Object.freeze(listed);
  return localChannel ? LOOPBACK_HOSTS : TEAMS_SERVICE_URL_HOSTS;
}

/**
 * Graph is on when GRAPH_CLIENT_ID is set; then its secret is required, the tenant defaults to
 * BOT_TENANT_ID, and every URL must be https.
 */
function graphConfig(e: z.infer<typeof EnvSchema>, problems: string[]): GraphConfig | undefined {
  if (!e.GRAPH_CLIENT_ID) {
    if (e.GRAPH_CLIENT_SECRET) problems.push('GRAPH_CLIENT_SECRET is set without GRAPH_CLIENT_ID.');
    return undefined;
  }
  const tenantId = e.GRAPH_TENANT_ID ?? e.BOT_TENANT_ID;
  if (!e.GRAPH_CLIENT_SECRET) problems.push('GRAPH_CLIENT_SECRET is required when GRAPH_CLIENT_ID is set.');
  if (!tenantId) problems.push('GRAPH_TENANT_ID (or BOT_TENANT_ID) is required when GRAPH_CLIENT_ID is set.');
  if (!e.GRAPH_BASE_URL.startsWith('https://')) problems.push('GRAPH_BASE_URL must be https:// (the Graph client sends its token over https only).');
  if (e.GRAPH_AUTHORITY && !e.GRAPH_AUTHORITY.startsWith('https://')) problems.push('GRAPH_AUTHORITY must be an https:// authority.');
  if (e.GRAPH_MAIL_FROM && !/^[^@\s]+@[^@\s]+$/.test(e.GRAPH_MAIL_FROM)) problems.push('GRAPH_MAIL_FROM must be the sending mailbox address (UPN), e.g. neuvo@joensuu.fi.');
  return {
    baseUrl: e.GRAPH_BASE_URL,
    tenantId: tenantId ?? '',
    clientId: e.GRAPH_CLIENT_ID,
    clientSecret: e.GRAPH_CLIENT_SECRET ?? '',
    ...(e.GRAPH_AUTHORITY ? { authority: e.GRAPH_AUTHORITY } : {}),
    ...(e.GRAPH_MAIL_FROM ? { mailFrom: e.GRAPH_MAIL_FROM } : {}),
  };
}

const ENTRA_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
const ENTRA_ISSUER_TEMPLATE = 'https://login.microsoftonline.com/{tid}/v2.0';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The tab is on when any TAB_* variable is set; then TAB_APP_ID_URI is required (there is no
 * safe default audience). Keys and issuer must be https, except on loopback (the tests' local
 * issuer), since whoever serves the keys decides who is signed in.
 */
function tabConfig(e: z.infer<typeof EnvSchema>, problems: string[]): TabConfig | undefined {
  if (!e.TAB_APP_ID_URI && !e.TAB_SSO_JWKS_URL && !e.TAB_SSO_ISSUER_TEMPLATE) return undefined;
  const jwksUrl = e.TAB_SSO_JWKS_URL ?? ENTRA_JWKS_URL;
  const issuerTemplate = e.TAB_SSO_ISSUER_TEMPLATE ?? ENTRA_ISSUER_TEMPLATE;
  if (!e.TAB_APP_ID_URI) {
    problems.push("TAB_APP_ID_URI is required when the tab is on (a TAB_SSO_* variable is set): the SSO app's api://<host>/<client id>.");
  } else if (!/^api:\/\/[^/\s]+\/\S+$/.test(e.TAB_APP_ID_URI)) {
    problems.push('TAB_APP_ID_URI must look like api://<host>/<client id> (the Application ID URI Teams SSO needs).');
  }
  if (!issuerTemplate.includes('{tid}')) problems.push("TAB_SSO_ISSUER_TEMPLATE must contain {tid}: the issuer is pinned to the token's own tenant.");
  for (const [name, url] of [['TAB_SSO_JWKS_URL', jwksUrl], ['TAB_SSO_ISSUER_TEMPLATE', issuerTemplate.replace('{tid}', 'tid')]] as const) {
    if (!isHttpsOrLoopback(url)) problems.push(`${name} must be https:// (plain http only on loopback, for tests).`);
  }
  const appIdUri = e.TAB_APP_ID_URI ?? '';
  const clientId = appIdUri.split('/').pop() ?? '';
  return { appIdUri, audiences: GUID.test(clientId) ? [appIdUri, clientId] : [appIdUri], jwksUrl, issuerTemplate };
}

function isHttpsOrLoopback(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
  } catch {
    return false;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Set)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
