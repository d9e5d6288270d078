import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalTeamsChannel } from '../test/harness/local-teams-channel.js';
import { recordResult } from './results.js';

/**
 * Turns through POST /api/messages, side by side in one run: raw restify (JSON in, 200 out), the
 * stock botbuilder echo bot with JWT validation, and Neuvo (a message turn: auth, dedupe record,
 * conversation lookup, a localized reply). Each server runs in its OWN process; this process holds
 * the local Teams channel (OpenID/JWKS, token authority, the connector that receives replies) and
 * generates the load, so on a 2-core machine each side has a core.
 *
 * Two measurements per server, bounded in count and time, loopback only:
 * - saturation: CONCURRENCY requests in flight for SATURATION_MS → turns/s;
 * - fixed rate: RATE requests/s for RATE_MS → p50 / p99 latency, measured from the scheduled send
 *   time (so a stalled server cannot hide its queueing).
 * RSS is read from /proc after the run.
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

function start(file: string, env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(file, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before it was ready`)));
  });
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D/g, '') ?? 0) / 1024);
}

let sequence = 0;
async function send(url: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ ...template, id: `bench-${sequence++}` }),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`unexpected status ${res.status}`);
}

async function saturation(url: string): Promise<number> {
  let done = 0;
  const deadline = performance.now() + SATURATION_MS;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        await send(url);
        done++;
      }
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

async function fixedRate(url: string): Promise<{ p50: number; p99: number }> {
  const total = Math.round((RATE * RATE_MS) / 1000);
  const interval = 1000 / RATE;
  const t0 = performance.now();
  const latencies: number[] = [];
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const scheduled = t0 + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(send(url).then(() => void latencies.push(performance.now() - scheduled)));
  }
  await Promise.all(inflight);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { p50: pct(0.5), p99: pct(0.99) };
}

const scenarios: { name: string; file: string; env: () => Record<string, string> }[] = [
  { name: 'raw restify (no auth)', file: 'bench/servers/raw-restify.ts', env: () => ({}) },
  { name: 'stock botbuilder echo + JWT', file: 'bench/servers/stock-echo.ts', env: () => channel.botEnv() },
  {
    name: 'Neuvo message turn + JWT',
    file: 'bench/servers/neuvo.ts',
    env: () => ({ ...channel.botEnv(), NEUVO_MODE: 'production', ALLOWED_TENANT_IDS: tenantId, HOST: '127.0.0.1', LOG_LEVEL: 'warn', OUTBOX_POLL_MS: '60000' }),
  },
];

try {
  for (const scenario of scenarios) {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'neuvo-bench-'));
    const child = await start(scenario.file, { ...scenario.env(), PORT: String(port), NEUVO_DATA_DIR: dataDir });
    const url = `http://127.0.0.1:${port}/api/messages`;
    try {
      for (let i = 0; i < 200; i++) await send(url); // warm-up: JIT, OpenID metadata, MSAL token
      const turnsPerSecond = await saturation(url);
      channel.connector.reset();
      const { p50, p99 } = await fixedRate(url);
      channel.connector.reset();
      const rss = rssMb(child.pid!);
      console.log(
        `${scenario.name.padEnd(30)} ${turnsPerSecond.toFixed(0).padStart(6)} turns/s at saturation (${CONCURRENCY} in flight); ` +
          `at ${RATE}/s p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; RSS ${rss} MB`,
      );
      recordResult({ scenario: scenario.name, turnsPerSecond: Math.round(turnsPerSecond), rateForLatency: RATE, p50Ms: round1(p50), p99Ms: round1(p99), rssMb: rss });
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
