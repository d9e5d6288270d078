import { performance } from 'node:perf_hooks';
import { startNeuvoWithLocalTeams } from '../test/e2e/neuvo-server.js';

/**
 * Turns per second through POST /api/messages with the real botbuilder auth path, one signed token
 * reused as Teams does, replies signed with an MSAL token and caught by the local connector.
 * Bounded: a fixed number of requests on loopback, then it stops.
 *
 * DESIGN.md reference on this machine size: stock echo ≈ 0.7k turns/s, with cached validation and
 * memoized connector clients ≈ 1.3–1.5k turns/s. Ours does more per turn (two SQLite writes: the
 * dedupe record and the conversation reference, each an fsync with synchronous=FULL).
 */
const TOTAL = Number(process.env.BENCH_TURNS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);

const running = await startNeuvoWithLocalTeams({}, { LOG_LEVEL: 'warn' });
try {
  const chat = running.channel.activities({ locale: 'en-US' });
  const token = await running.channel.signChannelToken();
  const template = chat.message('hello');
  let sequence = 0;
  const send = async () => {
    const started = performance.now();
    const res = await fetch(running.messagesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      // One prebuilt activity with a fresh id: building each one costs the client side time.
      body: JSON.stringify({ ...template, id: `bench-${sequence++}` }),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`unexpected status ${res.status}`);
    return performance.now() - started;
  };

  for (let i = 0; i < 100; i++) await send(); // warm-up: JIT, OpenID metadata, MSAL token
  running.channel.connector.reset();

  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < TOTAL) latencies.push(await send());
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  await running.channel.connector.waitForActivities(TOTAL, 30_000);
  console.log(
    `turns: ${TOTAL} messages, concurrency ${CONCURRENCY}: ${(TOTAL / seconds).toFixed(0)} turns/s; ` +
      `latency p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms; replies received ${running.channel.connector.activities.length}; ` +
      `outbound tokens requested ${running.channel.tokenServer.tokenRequestCount()}`,
  );
} finally {
  await running.close();
}
