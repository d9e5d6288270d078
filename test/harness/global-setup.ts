import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import selfsigned from 'selfsigned';
import { TLS_CERT_ENV, TLS_KEY_ENV } from './loopback-server.js';

const POSTGRES_HOST = '127.0.0.1';
const POSTGRES_PORT = 5432;

/**
 * Vitest globalSetup: runs once in the main process BEFORE any worker is forked.
 *
 * - Generates one self-signed certificate for 127.0.0.1 / localhost and points
 *   `NODE_EXTRA_CA_CERTS` at it. Node reads that variable only when a process starts, so it must be
 *   set here: forked workers (`pool: 'forks'`) inherit the env at fork time, which is how MSAL's
 *   HTTPS calls to the local token server (an "Entra authority" must be https) are trusted without
 *   disabling TLS verification anywhere. The same cert/key serve every HTTPS harness server.
 * - When PostgreSQL is among the dialects under test (`DIALECTS` unset, or listing `postgres`),
 *   fails fast with a clear message if 127.0.0.1:5432 does not answer: a missing database must be a
 *   red run, never a silently skipped suite.
 *
 * Returns the teardown: it restores the env and removes the temporary certificate folder (at exit).
 */
export default async function setup(): Promise<() => void> {
  await assertPostgresReachableIfNeeded(process.env.DIALECTS);

  const dir = await mkdtemp(join(tmpdir(), 'neuvo-test-tls-'));
  const { cert, key } = generateLoopbackCertificate();
  const certPath = join(dir, 'loopback-cert.pem');
  const keyPath = join(dir, 'loopback-key.pem');
  await writeFile(certPath, cert, { mode: 0o600 });
  await writeFile(keyPath, key, { mode: 0o600 });

  const values = new Map<string, string>([
    ['NODE_EXTRA_CA_CERTS', certPath],
    [TLS_CERT_ENV, certPath],
    [TLS_KEY_ENV, keyPath],
  ]);
  const previous = new Map([...values.keys()].map((name) => [name, process.env[name]] as const));
  for (const [name, value] of values) process.env[name] = value;

  return () => {
    // Restore the env so nothing started later inherits a path to a deleted file.
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    // Delete on process exit, not now: vitest runs this teardown while forked workers are still
    // shutting down, and a Node process touches NODE_EXTRA_CA_CERTS again on exit ("Warning:
    // Ignoring extra certs from …, load failed") if the file is gone.
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  };
}

/**
 * One self-signed leaf certificate, valid for IP 127.0.0.1 and DNS localhost (the SAN is what TLS
 * checks; the CN is informational). No CA: the leaf itself is the trust anchor in
 * NODE_EXTRA_CA_CERTS — measured here, Node 20 (OpenSSL 3) accepts it for both `fetch` (undici) and
 * `https.request`, by IP and by name, with `cA: false`.
 */
export function generateLoopbackCertificate(): { cert: string; key: string } {
  const generated = selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    days: 2,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { cert: generated.cert, key: generated.private };
}

async function assertPostgresReachableIfNeeded(dialects: string | undefined): Promise<void> {
  const wanted = dialects === undefined || dialects.trim() === '' || /\bpostgres(ql)?\b/i.test(dialects);
  if (!wanted) return;
  const error = await probeTcp(POSTGRES_HOST, POSTGRES_PORT, 2_000);
  if (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_HOST}:${POSTGRES_PORT} (${error}). ` +
        `The test run includes the postgres dialect because DIALECTS is ${dialects === undefined ? 'unset' : `"${dialects}"`}. ` +
        'Start PostgreSQL on 127.0.0.1:5432, or run only SQLite with DIALECTS=sqlite.',
    );
  }
}

function probeTcp(host: string, port: number, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (result: string | undefined): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => finish(`no answer within ${timeoutMs} ms`));
    socket.once('connect', () => finish(undefined));
    socket.once('error', (err: NodeJS.ErrnoException) => finish(err.code ?? err.message));
  });
}
