import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { ReportJson, SessionLogPageJson } from '../src/tab/advisers/wire.js';
import { startSsoIssuer, type SsoIssuer } from '../test/harness/sso-issuer.js';
import { generatePostgresRegister, generateSqliteRegister, type GeneratedRegister, type GeneratedStaff } from './fixtures/generate-contacts.js';
import { recordResult } from './results.js';

/**
 * The advisers' tab on a register of 1,000,000 contacts (issue 6 targets): the session log page
 * p99 ≤ 20 ms at 100 requests/s, and the monthly report ≤ 250 ms. Per dialect (SQLite, then
 * PostgreSQL): bench/fixtures/generate-contacts.ts writes the register, the composed server
 * (bench/servers/neuvo.ts, production mode, the tab's SSO pointed at a local issuer) runs in its
 * own process on it, and this process sends real HTTP with real SSO tokens of seeded staff.
 *
 * - Session log: an open-loop load (requests leave on schedule whatever the answers, latency
 *   counted from the scheduled send time, so a stalled server cannot hide its queue) of RATE/s for
 *   SECONDS after a WARM_UP_SECONDS warm-up at the same rate: half first pages (an adviser's own
 *   municipalities; a coordinator's all, one municipality, one adviser; topic and month filters),
 *   half follow-up pages with an `after` cursor taken from earlier answers (deeper and deeper).
 * - Monthly report: GET /api/tab/reports?year=<last full year> as a coordinator (every
 *   municipality) and as a Joensuu adviser, REPORT_CALLS timed calls each after 3 untimed ones
 *   (fewer when they take longer than REPORT_BUDGET_MS in all, at least 5).
 *
 * A route that is not there yet (restify's own 404) is reported as missing; no figure is made up.
 *
 * Environment: BENCH_CONTACTS (default 1,000,000), BENCH_TAB_RATE (100), BENCH_TAB_SECONDS (20),
 * BENCH_TAB_DIALECTS (sqlite,postgres), TEST_DATABASE_URL (PostgreSQL server; a database of its
 * own is created and dropped), BENCH_TAB_KEEP_PG=FILE (profiling sessions: keep the PostgreSQL
 * database and write its register to FILE; a later run with the same FILE measures that database
 * again without the 90 s load. Each run adds its audit rows, so use it to compare code, not for
 * the figures in docs/bench.md).
 *
 * Run: node --import tsx bench/advisers-tab.bench.ts
 */
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 1_000_000);
const RATE = Number(process.env.BENCH_TAB_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_TAB_SECONDS ?? 20);
const WARM_UP_SECONDS = 5;
const REPORT_CALLS = 20;
const REPORT_BUDGET_MS = 30_000;
const PAGE_TARGET_P99_MS = 20;
const REPORT_TARGET_MS = 250;
const DIALECTS = (process.env.BENCH_TAB_DIALECTS ?? 'sqlite,postgres').split(',').filter(Boolean);
const TAB_CLIENT_ID = '3b9d8c1e-6a2f-4e7d-9c0b-2a1b3c4d5e6f';
const TAB_APP_ID_URI = `api://127.0.0.1/${TAB_CLIENT_ID}`;
/** A request without an answer after this long counts as an error (bounds a stalled server). */
const REQUEST_TIMEOUT_MS = 30_000;
const NO_ANSWER = 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

interface Server {
  readonly child: ChildProcess;
  readonly baseUrl: string;
}

/** The composed server in its own process (bench/servers/neuvo.ts), so it has a core of its own. */
async function startServer(issuer: SsoIssuer, register: GeneratedRegister, database: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: undefined,
    NEUVO_DATA_DIR: undefined,
    NEUVO_MODE: 'production',
    // The bot's credentials are required in production; no bot turn is sent in this bench.
    BOT_ID: 'bench-tab-bot',
    BOT_PASSWORD: 'bench-tab-secret',
    BOT_TENANT_ID: register.tenantId,
    ALLOWED_TENANT_IDS: register.tenantId,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '60000',
    ...issuer.tabEnv(TAB_APP_ID_URI),
    ...database,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  // As bench/turns.bench.ts: BENCH_SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`), BENCH_SERVER_STDOUT=1 (its log).
  const extra = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = fork('bench/servers/neuvo.ts', [], { execArgv: ['--import', 'tsx', ...extra], env, stdio: ['ignore', process.env.BENCH_SERVER_STDOUT ? 'inherit' : 'ignore', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`bench/servers/neuvo.ts exited with ${code} before it was ready`)));
  });
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}

async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await exited;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

async function get(baseUrl: string, path: string, token: string, timeoutMs = REQUEST_TIMEOUT_MS): Promise<Answer> {
  try {
    const res = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${token}`, 'accept-language': 'fi' }, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text for the error report
    }
    return { status: res.status, body };
  } catch {
    return { status: NO_ANSWER, body: null };
  }
}

/** restify's own 404 (no such route) has no `{ error: { code } }`; ours (not_found) does. */
function routeMissing(answer: Answer): boolean {
  return answer.status === 404 && typeof (answer.body as { error?: unknown } | null)?.error !== 'object';
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The machine's 1-minute load average: on 2 cores, anything above ~2 means the figures queued for CPU. */
function load1(): number {
  return Math.round(loadavg()[0]! * 10) / 10;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function describeErrors(errors: ReadonlyMap<string, number>): string {
  return [...errors].map(([what, n]) => `${n}× ${what}`).join(', ');
}

/** A seeded staff member and their SSO token. */
interface Caller {
  readonly member: GeneratedStaff;
  readonly token: string;
}

interface Request {
  readonly caller: Caller;
  readonly path: string;
}

/** Rotates over callers so each stays well under the per-person rate limit. */
function rotation(callers: readonly Caller[]): () => Caller {
  let i = 0;
  return () => callers[i++ % callers.length]!;
}

/**
 * The session-log mix. First pages are built from filters; follow-up pages reuse a cursor from an
 * earlier answer with the same caller and filter (a cursor belongs to its query).
 */
function sessionLogMix(register: GeneratedRegister, advisers: readonly Caller[], coordinators: readonly Caller[], random: () => number) {
  const nextAdviser = rotation(advisers);
  const nextCoordinator = rotation(coordinators);
  const cursors: Request[] = [];
  const topics = ['residence_permit', 'work_jobseeking', 'kela_benefits', 'housing', 'studies_language'];
  const adviserIds = register.staff.filter((s) => s.role === 'adviser').map((s) => s.id);
  const month = (): string => {
    // A month in the register's last two years, as from/to dates (Helsinki calendar dates).
    const year = register.years[register.years.length - 1]! - Math.floor(random() * 2);
    const m = 1 + Math.floor(random() * 12);
    const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
    const mm = String(m).padStart(2, '0');
    return `from=${year}-${mm}-01&to=${year}-${mm}-${last}`;
  };
  const firstPage = (): Request => {
    const u = random();
    if (u < 0.35) return { caller: nextAdviser(), path: '/api/tab/session-log' };
    if (u < 0.48) return { caller: nextAdviser(), path: `/api/tab/session-log?topic=${topics[Math.floor(random() * topics.length)]}` };
    if (u < 0.6) return { caller: nextAdviser(), path: `/api/tab/session-log?${month()}` };
    if (u < 0.72) return { caller: nextCoordinator(), path: '/api/tab/session-log' };
    if (u < 0.8) return { caller: nextCoordinator(), path: `/api/tab/session-log?municipality=${['liperi', 'kontiolahti', 'outokumpu', 'ilomantsi', 'joensuu'][Math.floor(random() * 5)]}` };
    if (u < 0.9) return { caller: nextCoordinator(), path: `/api/tab/session-log?adviser=${adviserIds[Math.floor(random() * adviserIds.length)]}` };
    return { caller: nextCoordinator(), path: `/api/tab/session-log?topic=${topics[Math.floor(random() * topics.length)]}&${month()}` };
  };
  return {
    next(): Request {
      if (cursors.length > 0 && random() < 0.5) {
        const taken = cursors.splice(Math.floor(random() * cursors.length), 1)[0]!;
        return taken;
      }
      return firstPage();
    },
    /** Keeps the answer's cursor for a later follow-up page (by the same caller, same filter). */
    remember(request: Request, answer: Answer): void {
      const next = (answer.body as Partial<SessionLogPageJson> | null)?.next;
      if (answer.status !== 200 || typeof next !== 'string' || cursors.length >= 5000) return;
      const base = request.path.replace(/[?&]after=[^&]*/, '');
      cursors.push({ caller: request.caller, path: `${base}${base.includes('?') ? '&' : '?'}after=${encodeURIComponent(next)}` });
    },
  };
}

interface LoadResult {
  readonly sent: number;
  readonly latencies: number[];
  /** How late each request left against its schedule (this process's own stalls), sorted. */
  readonly sendLags: number[];
  readonly errors: Map<string, number>;
  readonly followUps: number;
}

/** Open loop: request i leaves at t0 + i/RATE; latency from that scheduled time to the full answer. */
async function openLoop(baseUrl: string, mix: ReturnType<typeof sessionLogMix>, seconds: number): Promise<LoadResult> {
  const total = Math.round(RATE * seconds);
  const interval = 1000 / RATE;
  const latencies: number[] = [];
  const sendLags: number[] = [];
  const errors = new Map<string, number>();
  const inflight: Promise<void>[] = [];
  let followUps = 0;
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const scheduled = t0 + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const request = mix.next();
    if (request.path.includes('after=')) followUps++;
    sendLags.push(performance.now() - scheduled);
    inflight.push(
      get(baseUrl, request.path, request.caller.token).then((answer) => {
        latencies.push(performance.now() - scheduled);
        const page = answer.body as Partial<SessionLogPageJson> | null;
        if (answer.status !== 200 || !Array.isArray(page?.rows)) {
          const what = answer.status === NO_ANSWER ? 'no answer' : `HTTP ${answer.status}${answer.status === 200 ? ' without rows' : ''}`;
          errors.set(what, (errors.get(what) ?? 0) + 1);
        }
        mix.remember(request, answer);
      }),
    );
  }
  await Promise.all(inflight);
  latencies.sort((a, b) => a - b);
  sendLags.sort((a, b) => a - b);
  return { sent: total, latencies, sendLags, errors, followUps };
}

async function measureSessionLog(label: string, server: Server, register: GeneratedRegister, advisers: readonly Caller[], coordinators: readonly Caller[]): Promise<void> {
  const smoke = await get(server.baseUrl, '/api/tab/session-log?limit=1', coordinators[0]!.token);
  const scenario = `advisers' tab session log page, ${register.contacts} contacts, ${label}`;
  if (routeMissing(smoke)) {
    console.log(`${scenario}: GET /api/tab/session-log is not there yet (404 from restify): NOT MEASURED`);
    recordResult({ scenario, missing: 'route not implemented' });
    return;
  }
  // A refused token would turn the whole load into fast 401s: stop instead of timing those.
  if (smoke.status === 401 || smoke.status === 403 || smoke.status === 503) throw new Error(`${scenario}: the smoke request got HTTP ${smoke.status} ${JSON.stringify(smoke.body)}`);
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const mix = sessionLogMix(register, advisers, coordinators, random);
  await openLoop(server.baseUrl, mix, WARM_UP_SECONDS);
  const cpuBefore = cpuMs(server.child.pid!);
  const result = await openLoop(server.baseUrl, mix, SECONDS);
  // Server CPU per request: steadier than latency on a shared machine, and says whether 100/s fits one core.
  const cpuPerRequest = (cpuMs(server.child.pid!) - cpuBefore) / result.sent;
  const machineLoad = load1();
  const [p50, p95, p99, max] = [0.5, 0.95, 0.99, 1].map((p) => percentile(result.latencies, p));
  // The load generator shares the machine: its own lateness is counted in the latency (open loop), so it is shown.
  const sendLagP99 = percentile(result.sendLags, 0.99);
  const errors = describeErrors(result.errors);
  const met = p99! <= PAGE_TARGET_P99_MS && result.errors.size === 0;
  console.log(
    `${scenario}: ${result.sent} requests at ${RATE}/s (${result.followUps} follow-up pages): p50 ${p50!.toFixed(1)} ms, p95 ${p95!.toFixed(1)} ms, ` +
      `p99 ${p99!.toFixed(1)} ms, max ${max!.toFixed(1)} ms (target p99 ≤ ${PAGE_TARGET_P99_MS} ms${met ? ', met' : ', MISSED'}); ` +
      `server CPU ${cpuPerRequest.toFixed(1)} ms/request; this process sent p99 ${sendLagP99.toFixed(1)} ms late; load average ${machineLoad}` +
      (errors ? `; ERRORS: ${errors}` : ''),
  );
  recordResult({
    scenario,
    rate: RATE,
    requests: result.sent,
    followUpPages: result.followUps,
    p50Ms: round1(p50!),
    p95Ms: round1(p95!),
    p99Ms: round1(p99!),
    maxMs: round1(max!),
    targetP99Ms: PAGE_TARGET_P99_MS,
    serverCpuMsPerRequest: round1(cpuPerRequest),
    sendLagP99Ms: round1(sendLagP99),
    loadAverage: machineLoad,
    ...(errors ? { errors } : {}),
  });
}

async function measureReport(label: string, server: Server, register: GeneratedRegister, who: string, caller: Caller): Promise<void> {
  const path = `/api/tab/reports?year=${register.fullYear}`;
  const scenario = `advisers' tab monthly report ${register.fullYear} as ${who}, ${register.contacts} contacts, ${label}`;
  const first = await get(server.baseUrl, path, caller.token);
  if (routeMissing(first)) {
    console.log(`${scenario}: GET /api/tab/reports is not there yet (404 from restify): NOT MEASURED`);
    recordResult({ scenario, missing: 'route not implemented' });
    return;
  }
  for (let i = 0; i < 2; i++) await get(server.baseUrl, path, caller.token);
  const times: number[] = [];
  const errors = new Map<string, number>();
  let contacts = 0;
  // REPORT_CALLS calls, or as many as fit in REPORT_BUDGET_MS when each takes seconds (bench ≤ ~10 min).
  const budgetEnd = performance.now() + REPORT_BUDGET_MS;
  for (let i = 0; i < REPORT_CALLS && (i < 5 || performance.now() < budgetEnd); i++) {
    const t0 = performance.now();
    const answer = await get(server.baseUrl, path, caller.token);
    times.push(performance.now() - t0);
    const report = answer.body as Partial<ReportJson> | null;
    if (answer.status !== 200 || typeof report?.contacts !== 'number') {
      const what = answer.status === NO_ANSWER ? 'no answer' : `HTTP ${answer.status}`;
      errors.set(what, (errors.get(what) ?? 0) + 1);
    } else contacts = report.contacts;
  }
  times.sort((a, b) => a - b);
  const [p50, max] = [percentile(times, 0.5), times[times.length - 1]!];
  const errorText = describeErrors(errors);
  const met = max <= REPORT_TARGET_MS && errors.size === 0;
  console.log(
    `${scenario}: ${times.length} calls over ${contacts} contacts of the year: p50 ${p50.toFixed(1)} ms, max ${max.toFixed(1)} ms (target ≤ ${REPORT_TARGET_MS} ms${met ? ', met' : ', MISSED'})` +
      `; load average ${load1()}` +
      (errorText ? `; ERRORS: ${errorText}` : ''),
  );
  recordResult({ scenario, calls: times.length, yearContacts: contacts, p50Ms: round1(p50), maxMs: round1(max), targetMs: REPORT_TARGET_MS, loadAverage: load1(), ...(errorText ? { errors: errorText } : {}) });
}

async function measure(label: string, issuer: SsoIssuer, register: GeneratedRegister, database: Record<string, string>): Promise<void> {
  console.log(
    `advisers' tab fixture on ${label}: ${register.contacts} contacts, ${register.clients} clients, ${register.bookings} bookings (${register.noShows} no-shows) written in ${register.seconds.toFixed(1)} s`,
  );
  recordResult({ scenario: `advisers' tab fixture, ${label}`, contacts: register.contacts, clients: register.clients, bookings: register.bookings, seconds: round1(register.seconds) });
  const sign = async (member: GeneratedStaff): Promise<Caller> => ({
    member,
    token: await issuer.sign({ tenantId: register.tenantId, objectId: member.entraObjectId, audience: TAB_CLIENT_ID, lifetimeSec: 7200 }),
  });
  const advisers = await Promise.all(register.staff.filter((s) => s.role === 'adviser').map(sign));
  const coordinators = await Promise.all(register.staff.filter((s) => s.role === 'coordinator').map(sign));
  const server = await startServer(issuer, register, database);
  try {
    await measureSessionLog(label, server, register, advisers, coordinators);
    // An overloaded server is still working through requests the load abandoned: wait until it
    // answers a fresh one (it queues behind them), so the report is timed on an idle server.
    await get(server.baseUrl, '/api/tab/me', advisers[advisers.length - 1]!.token, 300_000);
    // The session-log load spreads over 40 advisers and 16 coordinators (≈ 40–65 requests each),
    // so these callers stay under the tab's 120 requests a minute per person.
    await measureReport(label, server, register, 'a coordinator (all municipalities)', coordinators[0]!);
    await measureReport(
      label,
      server,
      register,
      'a Joensuu adviser',
      advisers.find((a) => a.member.municipalityCode === 'joensuu')!,
    );
  } finally {
    await stopServer(server);
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

const issuer = await startSsoIssuer();
const log = (line: string) => console.log(line);
try {
  if (DIALECTS.includes('sqlite')) {
    const dir = mkdtempSync(join(tmpdir(), 'neuvo-bench-tab-'));
    try {
      console.log(`advisers' tab: generating ${CONTACTS} contacts on SQLite…`);
      const register = await generateSqliteRegister(dir, { contacts: CONTACTS, log });
      await measure('SQLite', issuer, register, { NEUVO_DATA_DIR: dir });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (DIALECTS.includes('postgres')) {
    const url = process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
    const keep = process.env.BENCH_TAB_KEEP_PG?.trim();
    if (keep && existsSync(keep)) {
      const kept = JSON.parse(readFileSync(keep, 'utf8')) as { databaseUrl: string; register: GeneratedRegister };
      console.log(`advisers' tab: measuring the kept PostgreSQL database of ${keep} again`);
      await measure('PostgreSQL (kept database)', issuer, kept.register, { DATABASE_URL: kept.databaseUrl });
    } else {
      // A database of its own rather than a schema: Kysely's migrator would see another schema's
      // bookkeeping tables and skip the migrations (test/integration/two-instances.test.ts).
      const name = `neuvo_bench_tab_${process.pid}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      try {
        const target = new URL(url);
        target.pathname = `/${name}`;
        console.log(`advisers' tab: generating ${CONTACTS} contacts on PostgreSQL…`);
        const register = await generatePostgresRegister(target.toString(), { contacts: CONTACTS, log });
        if (keep) writeFileSync(keep, JSON.stringify({ databaseUrl: target.toString(), register }));
        await measure('PostgreSQL', issuer, register, { DATABASE_URL: target.toString() });
      } finally {
        if (!keep) await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    }
  }
} finally {
  await issuer.close();
}
