import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../scripts/lib/env-file.js';
import { loadConfig } from '../../src/config/config.js';

/**
 * What can be checked of the Azure deployment without a Bicep compiler or an Azure subscription
 * (neither exists on our machines; no Bicep CLI or parser ships on the npm registry we can reach).
 * These are text-level checks of infra/, the Teams Toolkit files and env/ samples against each
 * other and against src/config/config.ts. They do NOT prove the templates compile or deploy:
 * run `az bicep build --file infra/main.bicep` before the first real deployment (docs/deploy.md).
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

const MAIN = 'infra/main.bicep';
const PARAMETERS = 'infra/main.parameters.json';
const SETTINGS = 'infra/modules/app-settings.bicep';
const ENV_SAMPLE = 'env/.env.dev.sample';
const USER_ENV_SAMPLE = 'env/.env.dev.user.sample';

interface BicepParam {
  readonly name: string;
  readonly hasDefault: boolean;
  readonly secure: boolean;
  readonly defaultExpression?: string;
}

/** Top-level `param` declarations, with whether a default follows and whether `@secure()` precedes. */
function bicepParams(text: string): BicepParam[] {
  const lines = text.split('\n');
  const params: BicepParam[] = [];
  lines.forEach((line, index) => {
    const match = /^param\s+(\w+)\s+\w+(?:\s*=\s*(.+))?\s*$/.exec(line);
    if (!match) return;
    let secure = false;
    for (let i = index - 1; i >= 0 && /^\s*(@|\)|\]|'|\/\/)/.test(lines[i] ?? ''); i -= 1) {
      if (lines[i]?.trim() === '@secure()') secure = true;
    }
    params.push({ name: match[1]!, hasDefault: match[2] !== undefined, secure, ...(match[2] !== undefined ? { defaultExpression: match[2].trim() } : {}) });
  });
  return params;
}

const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\$\{\{([A-Z0-9_]+)\}\}/g)].map((m) => m[1]!))];

/** `KEY: expression` lines of a Bicep object literal, keyed by the upper-case setting name. */
function settingLines(text: string): Map<string, string> {
  const settings = new Map<string, string>();
  for (const match of text.matchAll(/^\s+([A-Za-z][A-Za-z0-9_]*[A-Z][A-Za-z0-9_]*):\s*(.+)$/gm)) {
    const key = match[1]!;
    if (/^[A-Z][A-Z0-9_]+$/.test(key) || key === 'ApplicationInsightsAgent_EXTENSION_VERSION') settings.set(key, match[2]!.trim());
  }
  return settings;
}

/** The variables config.ts reads: the keys of its zod `EnvSchema`. */
function configVariables(): string[] {
  const source = read('src/config/config.ts');
  const block = /const EnvSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(source)?.[1];
  if (block === undefined) throw new Error('src/config/config.ts: EnvSchema not found; update this test.');
  return [...block.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
}

/**
 * Config variables deliberately NOT set as App Service settings, with why. A new variable in
 * config.ts fails the test until it is either set in app-settings.bicep or listed here.
 */
const NOT_SET_IN_AZURE: Readonly<Record<string, string>> = {
  PORT: 'App Service sets PORT for the container itself',
  NEUVO_DATA_DIR: 'SQLite only; Azure runs on PostgreSQL (DATABASE_URL)',
  DATABASE_POOL_SIZE: 'defaults to 20 connections per instance; the Bicep server allows far more than 2 instances × 20',
  BOT_OPENID_METADATA_URL: 'test-only override of Microsoft\'s channel endpoints',
  BOT_TOKEN_ISSUER: 'test-only override of Microsoft\'s channel endpoints',
  BOT_LOGIN_URL: 'test-only override of Microsoft\'s channel endpoints',
  BOT_OAUTH_SCOPE: 'test-only override of Microsoft\'s channel endpoints',
  BOT_SERVICE_URL_HOSTS: "defaults to Teams' own Bot Connector hosts (public cloud, GCC, GCC High, DoD)",
  BOT_USER_TURNS_PER_MINUTE: 'defaults to 120 activities per person per minute; the bench lifts it',
  GRAPH_BASE_URL: 'defaults to https://graph.microsoft.com; tests point it at the simulator',
  GRAPH_AUTHORITY: 'defaults to login.microsoftonline.com/<tenant>; tests point it at a local authority',
  TAB_SSO_JWKS_URL: "defaults to Entra's common key set; tests point it at a local SSO issuer",
  TAB_SSO_ISSUER_TEMPLATE: "defaults to Entra's v2 issuer of the token's tenant; tests point it at a local SSO issuer",
  OUTBOX_LEASE_MS: 'defaults to 60 s, longer than a batch takes; tests shorten it to replay a killed worker\'s batch',
  CARD_ACTION_TOKEN_DAYS: 'defaults to 60 days, longer than the 42-day booking horizon (ADR 14)',
};

/** Values App Service would hand the process: Key Vault references resolved, parameters filled. */
const STAND_INS: Readonly<Record<string, string>> = {
  BOT_ID: '00000000-0000-4000-8000-0000000000b1',
  BOT_TENANT_ID: '00000000-0000-4000-8000-0000000000e1',
  ALLOWED_TENANT_IDS: '00000000-0000-4000-8000-0000000000e1',
  GRAPH_CLIENT_ID: '00000000-0000-4000-8000-0000000000c1',
  GRAPH_TENANT_ID: '00000000-0000-4000-8000-0000000000e1',
  GRAPH_MAIL_FROM: 'neuvo@joensuu.example',
  NEUVO_EXTRA_MUNICIPALITIES: 'juuka=Juuka',
  LOG_LEVEL: 'info',
  OUTBOX_POLL_MS: '1000',
  OUTBOX_MAX_ATTEMPTS: '8',
  EXPERT_CLAIM_MINUTES: '60',
  EXPERT_URGENT_CLAIM_MINUTES: '15',
  RETENTION_INTAKE_DAYS: '30',
  RETENTION_REGISTER_DAYS: '2190',
  RETENTION_REGISTER_DAYS_BY_MUNICIPALITY: '',
  RETENTION_PURGE_INTERVAL_HOURS: '24',
  REGISTER_SINKS: '[]',
  TAB_APP_ID_URI: 'api://app-neuvo.azurewebsites.net/00000000-0000-4000-8000-0000000000a1',
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=stand-in',
};
const RESOLVED_SECRETS: Readonly<Record<string, string>> = {
  BOT_PASSWORD: 'stand-in-secret',
  DATABASE_URL: 'postgresql://neuvoadmin:stand%40in@psql-x.postgres.database.azure.com:5432/neuvo?sslmode=verify-full',
  GRAPH_CLIENT_SECRET: 'stand-in-graph-secret',
};
const SECRET_SETTINGS = Object.keys(RESOLVED_SECRETS);

describe('infra/main.bicep and its parameters file', () => {
  const main = read(MAIN);
  const params = bicepParams(main);
  const parameters = JSON.parse(read(PARAMETERS)) as { parameters: Record<string, { value: unknown }> };
  const given = parameters.parameters;

  it('gives every param a value: from main.parameters.json or a default', () => {
    expect(params.length).toBeGreaterThan(10);
    const missing = params.filter((p) => !p.hasDefault && !(p.name in given)).map((p) => p.name);
    expect(missing).toEqual([]);
  });

  it('passes no parameter that main.bicep does not declare', () => {
    const declared = new Set(params.map((p) => p.name));
    expect(Object.keys(given).filter((name) => !declared.has(name))).toEqual([]);
  });

  it('feeds every @secure() param from a SECRET_ placeholder (or leaves it empty), and no other param from one', () => {
    for (const param of params) {
      const value = given[param.name]?.value;
      const names = typeof value === 'string' ? placeholders(value) : [];
      if (param.secure) {
        expect(param.defaultExpression ?? "''", `${param.name}: a secure param's default`).toBe("''");
        if (value !== undefined) expect(value, param.name).toMatch(/^\$\{\{SECRET_[A-Z0-9_]+\}\}$/);
      } else {
        expect(names.filter((n) => n.startsWith('SECRET_')), `${param.name} is not @secure() but gets a secret`).toEqual([]);
      }
    }
  });

  it('lists every ${{VAR}} of the parameters file in the env samples: secrets only in the .user sample, and both without values', () => {
    const env = parseEnvFile(read(ENV_SAMPLE), ENV_SAMPLE);
    const userEnv = parseEnvFile(read(USER_ENV_SAMPLE), USER_ENV_SAMPLE);
    const used = placeholders(read(PARAMETERS));
    expect(used.length).toBeGreaterThan(5);
    for (const name of used) {
      if (name.startsWith('SECRET_')) {
        expect(userEnv.has(name), `${name} in ${USER_ENV_SAMPLE}`).toBe(true);
        expect(env.has(name), `${name} must not be in ${ENV_SAMPLE}`).toBe(false);
      } else {
        expect(env.has(name), `${name} in ${ENV_SAMPLE}`).toBe(true);
      }
    }
    expect([...userEnv].filter(([, value]) => value !== '')).toEqual([]);
    expect([...userEnv.keys()].filter((name) => !name.startsWith('SECRET_'))).toEqual([]);
  });

  it('declares every ${{VAR}} the lifecycle files and manifests use in env/.env.dev.sample, and outputs what teamsapp.yml reads', () => {
    const env = parseEnvFile(read(ENV_SAMPLE), ENV_SAMPLE);
    const userEnv = parseEnvFile(read(USER_ENV_SAMPLE), USER_ENV_SAMPLE);
    for (const file of ['teamsapp.yml', 'aad.manifest.json', 'appPackage/manifest.json', 'infra/main.parameters.json']) {
      const unknown = placeholders(read(file)).filter((name) => !env.has(name) && !userEnv.has(name));
      expect(unknown, file).toEqual([]);
    }
    const outputs = [...main.matchAll(/^output\s+(\w+)\s/gm)].map((m) => m[1]!);
    for (const name of ['BOT_AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_DOMAIN', 'BOT_ENDPOINT', 'TAB_DOMAIN', 'TAB_ENDPOINT', 'AZURE_WEB_APP_NAME']) {
      expect(outputs).toContain(name);
      expect(env.has(name), `output ${name} has its line in ${ENV_SAMPLE}`).toBe(true);
    }
    expect(read('teamsapp.yml')).toContain('path: ./infra/main.bicep');
    expect(read('teamsapp.yml')).toContain('parameters: ./infra/main.parameters.json');
  });

  it('passes every module its required params, and only params the module declares', () => {
    const modules = [...main.matchAll(/^module\s+(\w+)\s+'([^']+)'[^\n]*\{\n([\s\S]*?)^\}/gm)];
    expect(modules.map((m) => m[1])).toEqual(['monitoring', 'network', 'postgres', 'keyVault', 'appService', 'bot', 'keyVaultAccess', 'appSettings']);
    for (const [, name, path, body] of modules) {
      const file = join('infra', path!);
      expect(existsSync(join(ROOT, file)), file).toBe(true);
      const declared = bicepParams(read(file));
      const passed = [.../ {2}params: \{\n([\s\S]*?)\n {2}\}/.exec(body!)![1]!.matchAll(/^ {4}(\w+):/gm)].map((m) => m[1]!);
      const required = declared.filter((p) => !p.hasDefault).map((p) => p.name);
      expect(required.filter((p) => !passed.includes(p)), `${name}: required params not passed`).toEqual([]);
      expect(passed.filter((p) => !declared.some((d) => d.name === p)), `${name}: unknown params`).toEqual([]);
    }
  });

  it.each([
    ['modules/app-service.bicep', "linuxFxVersion: 'NODE|22-lts'"],
    ['modules/app-service.bicep', 'httpsOnly: true'],
    ['modules/app-service.bicep', "minTlsVersion: '1.2'"],
    ['modules/app-service.bicep', 'alwaysOn: true'],
    ['modules/app-service.bicep', "healthCheckPath: '/readyz'"],
    ['modules/app-service.bicep', "type: 'SystemAssigned'"],
    ['modules/app-service.bicep', "appCommandLine: 'node dist/index.js'"],
    ['modules/app-service.bicep', 'targetResourceUri: plan.id'],
    ['modules/app-settings.bicep', "WEBSITE_RUN_FROM_PACKAGE: '1'"],
    ['modules/bot.bicep', "msaAppType: 'SingleTenant'"],
    ['modules/bot.bicep', 'msaAppTenantId: botTenantId'],
    ['modules/bot.bicep', "channelName: 'MsTeamsChannel'"],
    ['modules/postgres.bicep', "version: '16'"],
    ['modules/postgres.bicep', "value: 'BTREE_GIST'"],
    ['modules/key-vault.bicep', 'enableRbacAuthorization: true'],
    ['modules/key-vault-access.bicep', "'4633458b-17de-408a-b874-0445c86b69e6'"],
    ['main.bicep', "endpoint: 'https://${appService.outputs.defaultHostName}/api/messages'"],
  ])('%s has %s', (file, text) => {
    expect(read(join('infra', file))).toContain(text);
  });

  it('never scales below two instances', () => {
    for (const file of [MAIN, 'infra/modules/app-service.bicep']) {
      const params = bicepParams(read(file));
      for (const name of ['minInstances', 'maxInstances']) {
        const text = read(file);
        expect(text, `${file} ${name}`).toMatch(new RegExp(`@minValue\\(2\\)\\nparam ${name} int = \\d+`));
        expect(Number(params.find((p) => p.name === name)?.defaultExpression)).toBeGreaterThanOrEqual(2);
      }
    }
  });
});

describe('the web app settings against src/config/config.ts', () => {
  const settings = settingLines(read(SETTINGS));
  const variables = configVariables();

  it('sets every variable config.ts reads, except the listed ones that Azure must not set', () => {
    expect(variables.length).toBeGreaterThan(15);
    const unaccounted = variables.filter((name) => !settings.has(name) && !(name in NOT_SET_IN_AZURE));
    expect(unaccounted).toEqual([]);
    expect(Object.keys(NOT_SET_IN_AZURE).filter((name) => !variables.includes(name)), 'stale entries').toEqual([]);
    expect(Object.keys(NOT_SET_IN_AZURE).filter((name) => settings.has(name)), 'listed as not set, but set').toEqual([]);
  });

  it('hands every secret over as a Key Vault reference, and nothing else', () => {
    for (const [name, expression] of settings) {
      expect(expression.includes('@Microsoft.KeyVault('), name).toBe(SECRET_SETTINGS.includes(name));
    }
  });

  it('lets the server start in production with exactly these settings (config.ts accepts them)', () => {
    const env: Record<string, string> = { PORT: '8080' };
    for (const [name, expression] of settings) {
      const literal = /^'([^'$]*)'$/.exec(expression)?.[1];
      const value = RESOLVED_SECRETS[name] ?? (literal !== undefined ? literal : STAND_INS[name]);
      if (value === undefined) throw new Error(`${SETTINGS}: ${name}: ${expression} — add a stand-in value to this test.`);
      env[name] = value;
    }
    const config = loadConfig(env);
    expect(config.mode).toBe('production');
    expect(config.host).toBe('0.0.0.0');
    expect(config.port).toBe(8080);
    expect(config.bot).toMatchObject({ id: STAND_INS.BOT_ID, tenantId: STAND_INS.BOT_TENANT_ID, type: 'SingleTenant', password: RESOLVED_SECRETS.BOT_PASSWORD });
    expect(config.bot.endpoints).toBeUndefined();
    expect(config.database).toEqual({ kind: 'postgres', url: RESOLVED_SECRETS.DATABASE_URL, poolSize: 20 });
    expect(config.seedDemoData).toBe(false);
    expect(config.graph).toMatchObject({ clientId: STAND_INS.GRAPH_CLIENT_ID, baseUrl: 'https://graph.microsoft.com' });
    expect(config.tab).toMatchObject({ appIdUri: STAND_INS.TAB_APP_ID_URI });
  });
});

describe('no secret is committed', () => {
  const files = [
    ...walk(join(ROOT, 'infra')),
    join(ROOT, 'aad.manifest.json'),
    join(ROOT, 'teamsapp.yml'),
    join(ROOT, 'teamsapp.local.yml'),
    ...readdirSync(join(ROOT, 'env')).filter((f) => f.endsWith('.sample')).map((f) => join(ROOT, 'env', f)),
  ];

  it.each(files.map((f) => [relative(ROOT, f)]))('%s holds no secret literal', (file) => {
    const text = read(file);
    const suspicious = [
      /postgres(?:ql)?:\/\/[^\s'"$:@/]+:[^\s'"${}@]+@/i, // a URL with an inline password
      /[A-Za-z0-9_.-]{3}\dQ~[A-Za-z0-9_~.-]{20,}/, // shape of an Entra client secret
      /(?:AccountKey|SharedAccessKey|InstrumentationKey)=[A-Za-z0-9+/=-]{10,}/,
      /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
      /(?:password|secret)\s*[:=]\s*'[^'$@{}\s][^']*'/i, // a quoted literal assigned to a password/secret
    ];
    for (const pattern of suspicious) expect(text, `${file} matches ${pattern}`).not.toMatch(pattern);
    if (file.startsWith('env/')) {
      const values = parseEnvFile(text, file);
      const filled = [...values].filter(([name, value]) => /SECRET|PASSWORD|KEY$/.test(name) && value !== '');
      expect(filled).toEqual([]);
    }
  });
});

function walk(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}
