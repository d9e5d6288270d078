import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { startRegisterReceiver } from './receiver.js';

/**
 * Runs the reference register receiver (docs/register-api.md):
 *
 *   npx tsx tools/register-receiver/cli.ts --port 4700 --db ./data/register.db --token dev-token
 *
 * Prints its URL on the first line of stdout (tests read it) and stops on SIGINT / SIGTERM.
 * It listens on 127.0.0.1 only.
 */
const USAGE = 'usage: register-receiver --token TOKEN [--port 4700] [--db FILE]   (no --db: in memory, nothing kept)';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let values: { port?: string; db?: string; token?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: { port: { type: 'string', default: '4700' }, db: { type: 'string' }, token: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`--port must be a whole number from 0 to 65535.`);
if (!values.token) fail('--token is required: the bearer token the receiver accepts.');
if (values.db) mkdirSync(dirname(values.db), { recursive: true });

const receiver = await startRegisterReceiver({ port, token: values.token, ...(values.db ? { dbFile: values.db } : {}) });
console.log(`Register receiver listening on ${receiver.url} (${values.db ? `database ${values.db}` : 'in memory'})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void receiver.close().then(() => process.exit(0));
  });
}
