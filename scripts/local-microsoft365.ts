import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGraphSimulator } from '../test/graph-simulator/graph-simulator.js';
import { generateLoopbackCertificate } from '../test/harness/global-setup.js';
import { startTokenServer } from '../test/harness/token-server.js';
import { DEMO_TENANT_ID } from '../src/use-cases/seed-demo-data.js';

/**
 * A local Microsoft 365 for `npm start` (run by scripts/start-local.mjs as
 * `node --import tsx scripts/local-microsoft365.ts`; docs/local-playground.md):
 *
 * - one self-signed certificate for 127.0.0.1, written to `.tmp/local-m365/cert.pem` (+ key.pem),
 *   which Neuvo trusts through NODE_EXTRA_CA_CERTS;
 * - an Entra authority (the test harness's token server) for the demo tenant with one client
 *   (`local-graph-app`, a random secret per start);
 * - the Graph simulator, accepting only tokens that authority issued for Graph.
 *
 * Both listen on free ports of 127.0.0.1. Prints ONE JSON line to stdout with what Neuvo needs
 * (`graphBaseUrl`, `authority`, `clientId`, `clientSecret`, `caFile`), then runs until SIGTERM/SIGINT.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLIENT_ID = 'local-graph-app';

async function main(): Promise<void> {
  const dir = join(ROOT, '.tmp', 'local-m365');
  mkdirSync(dir, { recursive: true });
  const tls = generateLoopbackCertificate();
  const caFile = join(dir, 'cert.pem');
  writeFileSync(caFile, tls.cert, { mode: 0o600 });
  writeFileSync(join(dir, 'key.pem'), tls.key, { mode: 0o600 });

  const clientSecret = randomBytes(24).toString('base64url');
  const tokens = await startTokenServer({ tenantId: DEMO_TENANT_ID, clients: { [CLIENT_ID]: clientSecret }, tls });
  const graph = await startGraphSimulator({ tls, tokens });

  let closing = false;
  const close = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`local Microsoft 365 simulator: ${signal}, stopping\n`);
    void Promise.allSettled([graph.close(), tokens.close()]).then(() => process.exit(0));
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => close(signal));

  process.stdout.write(
    JSON.stringify({ graphBaseUrl: graph.origin, authority: tokens.authority, clientId: CLIENT_ID, clientSecret, caFile }) + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`local Microsoft 365 simulator failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
