import { spawnSync } from 'node:child_process';
import setup from '../test/harness/global-setup.js';

/**
 * `npm run bench`: prepares the local Teams channel's TLS certificate exactly as the test run does,
 * then runs each benchmark in a child process — Node reads NODE_EXTRA_CA_CERTS only at start, and
 * the bot's MSAL client must trust the local token authority. Never part of `npm test`.
 */
const teardown = await setup();
const benches = ['bench/turns.bench.ts', 'bench/dedupe-writes.bench.ts'];
let failed = false;
for (const file of benches) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit', env: process.env });
  failed ||= result.status !== 0;
}
teardown();
process.exit(failed ? 1 : 0);
