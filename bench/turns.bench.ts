import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BOOK_SLOT, CANCEL_BOOKING, INTAKE_SUBMIT, SHOW_SLOTS } from '../src/cards/verbs.js';
import type { WireActivity } from '../test/harness/activities.js';
import { startLocalTeamsChannel } from '../test/harness/local-teams-channel.js';
import { recordResult } from './results.js';
import type { PlannedBooking } from './servers/neuvo.js';
import { benchConversationId } from './servers/bench-ids.js';

/**
 * Turns through POST /api/messages, side by side in one run: raw restify (JSON in, 200 out), the
 * stock botbuilder echo bot with JWT validation, and Neuvo: a message turn (auth, dedupe record,
 * conversation lookup, a localized reply); an intake-submit turn (Action.Execute INTAKE_SUBMIT from
 * a new person each time: validation, client + intake + consent + audit in one transaction, the
 * summary card as the invoke response); and a booking turn (Action.Execute BOOK_SLOT from a
 * distinct seeded client each time: slot re-check, booking + outbox + audit in one transaction,
 * the confirmation card). Each server runs in its OWN process; this process holds
 * the local Teams channel (OpenID/JWKS, token authority, the connector that receives replies) and
 * generates the load, so on a 2-core machine each side has a core.
 *
 * Two measurements per server, bounded in count and time, loopback only:
 * - saturation: CONCURRENCY requests in flight for SATURATION_MS → turns/s;
 * - fixed rate: RATE requests/s for RATE_MS → p50 / p99 latency, measured from the scheduled send
 *   time (so a stalled server cannot hide its queueing).
 * RSS is read from /proc after the run. Invoke turns are answered in the HTTP response (no
 * connector call); message turns reply through the local connector.
 */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SATURATION_MS = Number(process.env.BENCH_SATURATION_MS ?? 6000);
const RATE = Number(process.env.BENCH_RATE ?? 300);
const RATE_MS = Number(process.env.BENCH_RATE_MS ?? 6000);

const tenantId = '5f1a0c2e-0000-4000-8000-0000000000bb';
const channel = await startLocalTeamsChannel({ botAppId: 'bench-bot', botPassword: 'bench-secret', tenantId });
const chat = channel.activities({ locale: 'en-US' });
const template = chat.message('hello');
const token = await channel.signChannelToken();

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

/** Starts a server; resolves with it and its ready message (the Neuvo server sends its seeded plan). */
function start(file: string, env: Record<string, string>): Promise<{ child: ChildProcess; ready: unknown }> {
  return new Promise((resolve, reject) => {
    // BENCH_SERVER_NODE_ARGS: extra node flags for the server processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
    const extra = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = fork(file, [], { execArgv: ['--import', 'tsx', ...extra], env: { ...process.env, ...env }, stdio: ['ignore', process.env.BENCH_SERVER_STDOUT ? 'inherit' : 'ignore', 'inherit', 'ipc'] });
    child.once('message', (ready) => resolve({ child, ready }));
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before it was ready`)));
  });
}

/** CPU time (user + system) the process has used so far, in ms, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D/g, '') ?? 0) / 1024);
}

/** Every request is abandoned after this long (bounds a stalled server); counted as no answer. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Status recorded for a request that got no HTTP answer. */
const NO_ANSWER = 0;

/** The requests of one scenario: `next()` is undefined when its supply (seeded clients) runs out. */
interface Load {
  next(): WireActivity | undefined;
  /** Untimed set-up before the warm-up (e.g. the earlier turns of the same conversations). */
  prepare?(url: string): Promise<void>;
  /** For invokes: did the turn do what it was sent for (e.g. booked)? Counted, not required. */
  succeeded?(body: unknown): boolean;
}

let sequence = 0;
const messageLoad = (): Load => ({ next: () => ({ ...template, id: `bench-${sequence++}` }) });

/**
 * Sends one activity. Returns whether the turn succeeded (always true without a `succeeded`
 * check), or the HTTP status when it was not 200: counted and printed, so that one odd answer does
 * not throw away the run, but never hidden.
 */
async function send(url: string, activity: WireActivity, load: Load): Promise<boolean | number> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(activity),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    return NO_ANSWER; // connect timeout, reset, or REQUEST_TIMEOUT_MS passed
  }
  if (res.status !== 200) {
    await res.arrayBuffer();
    return res.status;
  }
  if (!load.succeeded) {
    await res.arrayBuffer();
    return true;
  }
  return load.succeeded(await res.json());
}

interface Tally {
  turns: number;
  succeeded: number;
  /** Answers other than HTTP 200, by status. */
  readonly errors: Map<number, number>;
}

function count(tally: Tally, outcome: boolean | number): void {
  tally.turns++;
  if (outcome === true) tally.succeeded++;
  else if (typeof outcome === 'number') tally.errors.set(outcome, (tally.errors.get(outcome) ?? 0) + 1);
}

async function saturation(url: string, load: Load, tally: Tally): Promise<number> {
  const deadline = performance.now() + SATURATION_MS;
  const t0 = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const activity = load.next();
        if (!activity) return;
        count(tally, await send(url, activity, load));
        done++;
      }
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

async function fixedRate(url: string, load: Load, tally: Tally): Promise<{ p50: number; p99: number }> {
  const total = Math.round((RATE * RATE_MS) / 1000);
  const interval = 1000 / RATE;
  const t0 = performance.now();
  const latencies: number[] = [];
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const activity = load.next();
    if (!activity) break;
    const scheduled = t0 + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      send(url, activity, load).then((outcome) => {
        latencies.push(performance.now() - scheduled);
        count(tally, outcome);
      }),
    );
  }
  await Promise.all(inflight);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { p50: pct(0.5), p99: pct(0.99) };
}

/** The invoke answer's card, as text (Action.Execute: `{ statusCode, type, value: card }`). */
const cardText = (body: unknown): string => JSON.stringify((body as { value?: unknown } | null)?.value ?? null);

/** INTAKE_SUBMIT from a new person each turn (a client row is created every time). */
function intakeLoad(tokens: readonly string[]): Load {
  let n = 0;
  return {
    next() {
      const i = n++;
      // Each person submits the intake card they were shown, with its token; the run stops when the seeded ones are used.
      if (i >= tokens.length) return undefined;
      const chat = channel.activities({
        locale: 'fi-FI',
        conversation: { id: benchConversationId('intake', i) },
        user: { id: `29:bench-intake-${i}`, name: `Bench ${i}`, aadObjectId: `aad-bench-intake-${i}` },
      });
      const data = {
        verb: INTAKE_SUBMIT,
        actionToken: tokens[i]!,
        name: `Bench ${i}`,
        municipality: 'liperi',
        language: 'fi',
        interpreterNeeded: 'false',
        topics: 'housing,kela_benefits',
        contactTeams: 'true',
        consentShare: 'false',
      };
      return chat.adaptiveCardInvoke(INTAKE_SUBMIT, data);
    },
    // The summary card offers the free times (SHOW_SLOTS); a refused intake comes back as the intake
    // card, a refused token as a message card: neither counts.
    succeeded: (body) => cardText(body).includes(`"${SHOW_SLOTS}"`),
  };
}

/**
 * BOOK_SLOT from the next seeded client, for the time planned for them; each client books once.
 * In the real flow a client books in the personal chat where they just sent the intake, so their
 * conversation is already stored; `prepare` sends each client one message in that same chat first
 * (untimed), instead of timing a first-contact write that a booking turn never does.
 */
function bookingLoad(plan: readonly PlannedBooking[]): Load {
  const chats = plan.map((booking, i) =>
    channel.activities({ locale: 'fi-FI', conversation: { id: benchConversationId('booking', i) }, user: { id: `29:bench-${i}`, name: `Bench ${i}`, aadObjectId: booking.aadObjectId } }),
  );
  let n = 0;
  return {
    async prepare(url) {
      let next = 0;
      const plain: Load = { next: () => undefined };
      const worker = async () => {
        for (let i = next++; i < chats.length; i = next++) await send(url, chats[i]!.message('hei'), plain);
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      channel.connector.reset();
    },
    next() {
      const booking = plan[n];
      if (!booking) return undefined;
      const chat = chats[n++]!;
      return chat.adaptiveCardInvoke(BOOK_SLOT, { verb: BOOK_SLOT, start: booking.start, adviserId: booking.adviserId, actionToken: booking.actionToken });
    },
    // The confirmation carries a cancel button; a lost or refused time comes back as fresh slots.
    succeeded: (body) => cardText(body).includes(`"${CANCEL_BOOKING}"`),
  };
}

const SEED_BOOKING = Number(process.env.BENCH_SEED_BOOKING ?? 6000);
/** Intake cards (tokens) to seed: the warm-up, 6 s at saturation and 6 s at 300/s stay below it on this hardware. */
const SEED_INTAKE = Number(process.env.BENCH_SEED_INTAKE ?? 12_000);
// The message scenario sends every turn as one person; the per-person limit (120/min in
// production) is lifted so the bench measures the turn, not the limiter.
const neuvoEnv = () => ({
  ...channel.botEnv(),
  NEUVO_MODE: 'production',
  ALLOWED_TENANT_IDS: tenantId,
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  OUTBOX_POLL_MS: '60000',
  BOT_USER_TURNS_PER_MINUTE: '1000000',
});

interface Scenario {
  readonly name: string;
  readonly file: string;
  env(): Record<string, string>;
  /** Builds the requests from the server's ready message. */
  load(ready: unknown): Load;
}

const scenarios: Scenario[] = [
  { name: 'raw restify (no auth)', file: 'bench/servers/raw-restify.ts', env: () => ({}), load: messageLoad },
  { name: 'stock botbuilder echo + JWT', file: 'bench/servers/stock-echo.ts', env: () => channel.botEnv(), load: messageLoad },
  { name: 'Neuvo message turn + JWT', file: 'bench/servers/neuvo.ts', env: neuvoEnv, load: messageLoad },
  {
    name: 'Neuvo intake-submit turn + JWT',
    file: 'bench/servers/neuvo.ts',
    env: () => ({ ...neuvoEnv(), BENCH_SEED_INTAKE: String(SEED_INTAKE), BENCH_SEED_TENANT: tenantId }),
    load: (ready) => intakeLoad((ready as { intakeTokens?: string[] }).intakeTokens ?? []),
  },
  {
    name: 'Neuvo booking turn + JWT',
    file: 'bench/servers/neuvo.ts',
    env: () => ({ ...neuvoEnv(), BENCH_SEED_BOOKING: String(SEED_BOOKING), BENCH_SEED_TENANT: tenantId }),
    load: (ready) => bookingLoad((ready as { plan?: PlannedBooking[] }).plan ?? []),
  },
];

/** BENCH_ONLY=substring[,substring…] runs only the scenarios whose name contains one of them (case-insensitive). */
const only = process.env.BENCH_ONLY?.toLowerCase().split(',').filter(Boolean);
const WARM_UP = 200;
let stockEcho: number | undefined;
try {
  for (const scenario of scenarios.filter((s) => !only || only.some((part) => s.name.toLowerCase().includes(part)))) {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'neuvo-bench-'));
    const { child, ready } = await start(scenario.file, { ...scenario.env(), PORT: String(port), NEUVO_DATA_DIR: dataDir });
    const url = `http://127.0.0.1:${port}/api/messages`;
    const load = scenario.load(ready);
    try {
      await load.prepare?.(url);
      // warm-up: JIT, OpenID metadata, MSAL token (for bookings: the first 200 clients book)
      for (let i = 0; i < WARM_UP; i++) {
        const activity = load.next();
        if (!activity) throw new Error(`${scenario.name}: not enough requests for the warm-up`);
        const outcome = await send(url, activity, load);
        if (typeof outcome === 'number') console.error(`${scenario.name}: warm-up turn ${i} got ${outcome === NO_ANSWER ? 'no answer' : `HTTP ${outcome}`}`);
      }
      const tally: Tally = { turns: 0, succeeded: 0, errors: new Map() };
      const cpuBefore = cpuMs(child.pid!);
      const turnsPerSecond = await saturation(url, load, tally);
      // Server CPU per turn at saturation: steadier than turns/s on a shared machine (fsync waits are not CPU).
      const cpuPerTurn = (cpuMs(child.pid!) - cpuBefore) / Math.max(1, tally.turns);
      channel.connector.reset();
      const { p50, p99 } = await fixedRate(url, load, tally);
      channel.connector.reset();
      const rss = rssMb(child.pid!);
      if (scenario.file.endsWith('stock-echo.ts')) stockEcho = turnsPerSecond;
      const ratio = scenario.name.startsWith('Neuvo') && stockEcho ? turnsPerSecond / stockEcho : undefined;
      const share = load.succeeded ? tally.succeeded / Math.max(1, tally.turns) : undefined;
      const errors = [...tally.errors].map(([status, n]) => `${n}× ${status === NO_ANSWER ? 'no answer' : `HTTP ${status}`}`).join(', ');
      console.log(
        `${scenario.name.padEnd(32)} ${turnsPerSecond.toFixed(0).padStart(6)} turns/s at saturation (${CONCURRENCY} in flight); ` +
          `server CPU ${cpuPerTurn.toFixed(2)} ms/turn; at ${RATE}/s p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; RSS ${rss} MB` +
          (ratio === undefined ? '' : `; ${ratio.toFixed(2)}× stock echo`) +
          (share === undefined ? '' : `; ${(share * 100).toFixed(1)} % of ${tally.turns} turns succeeded`) +
          (errors ? `; NOT 200: ${errors}` : ''),
      );
      recordResult({
        scenario: scenario.name,
        turnsPerSecond: Math.round(turnsPerSecond),
        serverCpuMsPerTurn: Math.round(cpuPerTurn * 100) / 100,
        rateForLatency: RATE,
        p50Ms: round1(p50),
        p99Ms: round1(p99),
        rssMb: rss,
        ...(ratio === undefined ? {} : { vsStockEcho: Math.round(ratio * 100) / 100 }),
        ...(share === undefined ? {} : { measuredTurns: tally.turns, succeededShare: Math.round(share * 1000) / 1000 }),
        ...(errors ? { errors } : {}),
      });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
} finally {
  await channel.close();
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
