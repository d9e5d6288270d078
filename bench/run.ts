import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import setup from '../test/harness/global-setup.js';

/**
 * `npm run bench [-- --json FILE]`: prepares the local Teams channel's TLS certificate exactly as
 * the test run does, then runs each benchmark in a child process — Node reads NODE_EXTRA_CA_CERTS
 * only at start, and MSAL must trust the local token authority. Never part of `npm test`.
 */
const jsonIndex = process.argv.indexOf('--json');
const jsonFile = jsonIndex >= 0 ? process.argv[jsonIndex + 1] : undefined;
if (jsonIndex >= 0 && !jsonFile) {
  console.error('usage: npm run bench -- --json FILE');
  process.exit(2);
}

const teardown = await setup();
const resultsDir = mkdtempSync(join(tmpdir(), 'neuvo-bench-results-'));
const resultsFile = join(resultsDir, 'results.jsonl');
// BENCH_FILES=turns,slot runs only the bench files whose name contains one of the parts.
const parts = process.env.BENCH_FILES?.split(',').filter(Boolean);
const benches = ['bench/turns.bench.ts', 'bench/slot-search.bench.ts', 'bench/dedupe-writes.bench.ts', 'bench/outbox-drain.bench.ts', 'bench/advisers-tab.bench.ts'].filter((f) => existsSync(f) && (!parts || parts.some((p) => f.includes(p))));
let failed = false;
for (const file of benches) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit', env: { ...process.env, BENCH_RESULTS_FILE: resultsFile } });
  failed ||= result.status !== 0;
}
if (jsonFile) {
  const results = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown) : [];
  writeFileSync(jsonFile, `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
  console.log(`results written to ${jsonFile}`);
}
rmSync(resultsDir, { recursive: true, force: true });
teardown();
process.exit(failed ? 1 : 0);
