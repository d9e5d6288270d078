#!/usr/bin/env node
// `npm start`: Neuvo in local mode + the Microsoft 365 Agents Playground (a local Teams client).
// Plain Node ESM so it runs without a build. How it works and why: docs/local-playground.md.
//
//   1. checks that node_modules is there (else: run `npm ci`);
//   1b. starts the local Microsoft 365 simulator (scripts/local-microsoft365.ts: an Entra authority
//      and the Graph simulator on 127.0.0.1, HTTPS with a self-signed certificate), reads the JSON
//      line it prints, and gives Neuvo the GRAPH_* settings for it (+ NODE_EXTRA_CA_CERTS for its
//      certificate), so a booking gets a Teams meeting link; LOCAL_M365=off skips it;
//   1c. builds the meeting side panel's bundle (scripts/build-tab.mjs → dist/tab/);
//   2. starts Neuvo: `node --import tsx src/index.ts` with NEUVO_MODE=local (no bot credentials,
//      auth disabled, listens on 127.0.0.1 only) and waits for GET /readyz;
//   3. starts the Playground with telemetry off (`--dt` + APPLICATION_INSIGHTS_NO_STATSBEAT=true),
//      no browser auto-open, bound to 127.0.0.1 and unable to open a non-loopback connection;
//   4. prints "Open http://localhost:<port> to chat with Neuvo";
//   5. on Ctrl-C / SIGTERM stops all children by PID; if one dies, stops the others and exits
//      non-zero with the tail of its output.
//
// Environment: PORT (Neuvo, default 3978), PLAYGROUND_PORT (default 56150), NEUVO_DATA_DIR, LOG_LEVEL
// (passed through to Neuvo), NEUVO_AS (client | adviser | municipal_staff | expert | coordinator |
// newcomer: who you are in the Playground, default client), M365_AGENTS_PLAYGROUND_LOGFILE (default
// .tmp/playground/playground.log), LOCAL_M365 (`off`: no Microsoft 365 simulator, meetings wait in
// the outbox).

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildTab } from './build-tab.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const READY_TIMEOUT_MS = 90_000;
const TAIL_LINES = 40;
const STOP_GRACE_MS = 5_000;

const PEOPLE_IDS = {
  client: '29:demo-client',
  adviser: '29:demo-adviser',
  municipal_staff: '29:demo-municipal-staff',
  expert: '29:demo-expert',
  coordinator: '29:demo-coordinator',
  newcomer: '29:demo-newcomer',
};

/**
 * Preloaded into the Playground process (written to .tmp/playground/loopback-only.mjs, `node --import`). The Playground's HTTP server
 * listens on all interfaces and has no flag for that; this makes every listen without an explicit
 * host bind 127.0.0.1, and makes any TCP connection to a non-loopback host fail at once (its
 * telemetry is already off; this is the guarantee that nothing leaves the machine). IPC is allowed.
 */
const PLAYGROUND_LOOPBACK_PRELOAD = `
import net from 'node:net';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']);
const isLoopback = (h) => LOOPBACK.has(String(h).toLowerCase()) || /^127\\./.test(String(h));
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (first === undefined || typeof first === 'function') args.unshift(0, '127.0.0.1');
  else if (typeof first === 'number' || (typeof first === 'string' && /^[0-9]+$/.test(first))) {
    if (typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  } else if (typeof first === 'object' && first !== null && first.host === undefined && first.path === undefined && first.fd === undefined && first.handle === undefined && !(first instanceof net.Server)) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  let opts = args[0];
  if (Array.isArray(opts)) opts = opts[0];
  let host;
  if (typeof opts === 'number' || (typeof opts === 'string' && /^[0-9]+$/.test(opts))) host = typeof args[1] === 'string' ? args[1] : 'localhost';
  else if (typeof opts === 'object' && opts !== null && opts.path === undefined) host = opts.host ?? 'localhost';
  if (host !== undefined && !isLoopback(host)) {
    const error = Object.assign(new Error('neuvo start-local: blocked a connection to ' + host + ' (the Playground may only talk to 127.0.0.1)'), { code: 'ERR_NON_LOOPBACK_BLOCKED' });
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return connect.apply(this, args);
};
`;

/** Spawned children by name; each entry keeps a tail of its output for the error report. */
const children = new Map();
let stopping = false;

function log(message) {
  process.stdout.write(`[start-local] ${message}\n`);
}

function fail(message) {
  process.stderr.write(`[start-local] ${message}\n`);
  void stopAll().then(() => process.exit(1));
}

function portFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    process.stderr.write(`[start-local] ${name}=${raw} is not a port number (1-65535).\n`);
    process.exit(2);
  }
  return port;
}

function portIsFree(port) {
  return new Promise((resolvePort) => {
    const probe = createServer();
    probe.once('error', () => resolvePort(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolvePort(true)));
  });
}

/**
 * Spawns a child in our process group, forwards its output with a prefix and keeps a tail.
 * `hideLine(line)` true: the line is neither printed nor kept (e.g. one holding a secret).
 */
function startChild(name, command, args, options, hideLine = () => false) {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...options });
  const entry = { name, child, tail: [], exited: false };
  children.set(name, entry);
  const onData = (stream) => {
    let partial = '';
    return (chunk) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (hideLine(line)) continue;
        entry.tail.push(line);
        if (entry.tail.length > TAIL_LINES) entry.tail.shift();
        stream.write(`[${name}] ${line}\n`);
      }
    };
  };
  child.stdout.on('data', onData(process.stdout));
  child.stderr.on('data', onData(process.stderr));
  child.once('exit', (code, signal) => {
    entry.exited = true;
    // Ctrl-C reaches the children too (same process group): let our own signal handler win.
    setTimeout(() => onChildExit(entry, code, signal), 200);
  });
  child.once('error', (error) => fail(`could not start ${name}: ${error.message}`));
  log(`${name} started, pid ${child.pid}`);
  return entry;
}

function onChildExit(entry, code, signal) {
  const { name, child } = entry;
  if (stopping) return;
  const extra = name === 'playground' ? playgroundLogTail() : [];
  process.stderr.write(
    `[start-local] ${name} (pid ${child.pid}) exited with ${signal ?? `code ${code}`}. Last output:\n` +
      [...entry.tail, ...extra].map((l) => `  | ${l}`).join('\n') +
      '\n',
  );
  void stopAll().then(() => process.exit(code === 0 || code === null ? 1 : code));
}

let playgroundLogFile = '';
function playgroundLogTail() {
  try {
    const lines = readFileSync(playgroundLogFile, 'utf8').trimEnd().split('\n');
    return [`(Playground log ${playgroundLogFile}:)`, ...lines.slice(-TAIL_LINES)];
  } catch {
    return [];
  }
}

/** SIGTERM each live child by PID, then SIGKILL whatever is still there after the grace period. */
async function stopAll() {
  stopping = true;
  // Playground first (it talks to Neuvo), then Neuvo, then the Microsoft 365 simulator.
  const live = ['playground', 'neuvo', 'm365']
    .map((name) => children.get(name))
    .filter((e) => e !== undefined && !e.exited && e.child.pid !== undefined);
  for (const entry of live) {
    try {
      process.kill(entry.child.pid, 'SIGTERM');
    } catch {
      entry.exited = true;
    }
  }
  const deadline = Date.now() + STOP_GRACE_MS;
  while (live.some((e) => !e.exited) && Date.now() < deadline) await sleep(100);
  for (const entry of live.filter((e) => !e.exited)) {
    try {
      process.kill(entry.child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitForReady(url, entry) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (entry.exited) return false;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  fail(`Neuvo did not answer ${url} within ${READY_TIMEOUT_MS / 1000} s.`);
  return false;
}

/** Waits for the Playground's "Listening on <port>" line (it prints only that when not on a TTY). */
function waitForPlaygroundPort(entry) {
  return new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error('the Playground did not start listening within 30 s')), 30_000);
    const onData = (chunk) => {
      const match = /Listening on (\d+)/.exec(chunk.toString('utf8'));
      if (match) {
        clearTimeout(timer);
        entry.child.stdout.off('data', onData);
        resolvePort(Number(match[1]));
      }
    };
    entry.child.stdout.on('data', onData);
  });
}

/** Waits for the JSON line the Microsoft 365 simulator prints once it listens. */
function waitForM365Settings(entry) {
  return new Promise((resolveSettings, reject) => {
    let partial = '';
    const timer = setTimeout(() => finish(new Error('the local Microsoft 365 simulator did not start within 30 s')), 30_000);
    const onExit = () => finish(new Error('the local Microsoft 365 simulator exited before it was ready'));
    const onData = (chunk) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!isM365SettingsLine(line)) continue;
        try {
          finish(undefined, JSON.parse(line));
        } catch (error) {
          finish(error);
        }
        return;
      }
    };
    function finish(error, settings) {
      clearTimeout(timer);
      entry.child.stdout.off('data', onData);
      entry.child.off('exit', onExit);
      if (error) reject(error);
      else resolveSettings(settings);
    }
    entry.child.stdout.on('data', onData);
    entry.child.once('exit', onExit);
  });
}

function isM365SettingsLine(line) {
  return line.startsWith('{"graphBaseUrl":');
}

/** The yml as it is, or (NEUVO_AS) a copy under .tmp/ with that person as the current user. */
function playgroundConfigPath() {
  const configPath = join(ROOT, '.m365agentsplayground.yml');
  const as = process.env.NEUVO_AS;
  if (!as || as === 'client') return configPath;
  const userId = PEOPLE_IDS[as];
  if (!userId) {
    process.stderr.write(`[start-local] NEUVO_AS=${as}: use one of ${Object.keys(PEOPLE_IDS).join(', ')}.\n`);
    process.exit(2);
  }
  // Swap the current user with that person in the users list (the yml keeps each person as one
  // block of 7 lines starting with `id: "29:…"`).
  const text = readFileSync(configPath, 'utf8');
  const block = (indent, id) => new RegExp(`^${indent}id: "${id}"\\n(?:${indent.replace('- ', '  ')}\\w+: .*\\n){6}`, 'm');
  const current = block('  ', PEOPLE_IDS.client).exec(text);
  const other = block('  - ', userId).exec(text);
  if (!current || !other) {
    process.stderr.write('[start-local] could not find the people in .m365agentsplayground.yml to swap; run without NEUVO_AS.\n');
    process.exit(2);
  }
  const asListItem = (b) => b.replace(/^ {2}id:/, '  - id:').replace(/\n {2}(\w)/g, '\n    $1');
  const asCurrent = (b) => b.replace(/^ {2}- id:/, '  id:').replace(/\n {4}(\w)/g, '\n  $1');
  const swapped = text
    .replace(other[0], '\u0000')
    .replace(current[0], asCurrent(other[0]))
    .replace('\u0000', asListItem(current[0]))
    // In Teams each person has their own personal chat with the bot: give this one its own id.
    .replace('id: "a:neuvo-demo-personal-client"', `id: "a:neuvo-demo-personal-${as}"`);
  const dir = join(ROOT, '.tmp', 'playground');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `m365agentsplayground.${as}.yml`);
  writeFileSync(out, swapped);
  return out;
}

async function main() {
  if (!existsSync(join(ROOT, 'node_modules'))) {
    process.stderr.write('[start-local] node_modules is missing: run `npm ci` first (or `npm run setup-and-start`).\n');
    process.exit(1);
  }
  const playgroundCli = join(ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  if (!existsSync(playgroundCli) || !existsSync(join(ROOT, 'node_modules', 'tsx'))) {
    process.stderr.write('[start-local] node_modules is incomplete (no @microsoft/m365agentsplayground or tsx): run `npm ci`.\n');
    process.exit(1);
  }

  const port = portFromEnv('PORT', 3978);
  const playgroundPort = portFromEnv('PLAYGROUND_PORT', 56150);
  for (const [name, p] of [['PORT', port], ['PLAYGROUND_PORT', playgroundPort]]) {
    if (!(await portIsFree(p))) {
      process.stderr.write(`[start-local] port ${p} (${name}) is in use on 127.0.0.1: stop what uses it or set ${name}=<another port>.\n`);
      process.exit(1);
    }
  }
  const configPath = playgroundConfigPath();
  const preloadFile = join(ROOT, '.tmp', 'playground', 'loopback-only.mjs');
  mkdirSync(dirname(preloadFile), { recursive: true });
  writeFileSync(preloadFile, PLAYGROUND_LOOPBACK_PRELOAD);
  playgroundLogFile = resolve(process.env.M365_AGENTS_PLAYGROUND_LOGFILE || join(ROOT, '.tmp', 'playground', 'playground.log'));

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      log(`${signal}: stopping Neuvo, the Playground and the Microsoft 365 simulator`);
      void stopAll().then(() => process.exit(0));
    });
  }

  // --- Local Microsoft 365 (Entra authority + Graph simulator), unless LOCAL_M365=off
  let graphEnv = {};
  if ((process.env.LOCAL_M365 ?? '').toLowerCase() === 'off') {
    log('LOCAL_M365=off: no Microsoft 365 simulator; Teams meetings for bookings wait in the outbox');
  } else {
    const m365 = startChild(
      'm365',
      process.execPath,
      ['--import', 'tsx', join('scripts', 'local-microsoft365.ts')],
      { env: { ...process.env } },
      isM365SettingsLine,
    );
    let settings;
    try {
      settings = await waitForM365Settings(m365);
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
      return;
    }
    graphEnv = {
      GRAPH_CLIENT_ID: settings.clientId,
      GRAPH_CLIENT_SECRET: settings.clientSecret,
      GRAPH_TENANT_ID: new URL(settings.authority).pathname.replace(/^\/+|\/+$/g, ''),
      GRAPH_BASE_URL: settings.graphBaseUrl,
      GRAPH_AUTHORITY: settings.authority,
      GRAPH_MAIL_FROM: 'neuvo@neuvo-demo.example',
      // Node reads it only at start: Neuvo's MSAL and Graph client trust the simulator's certificate.
      NODE_EXTRA_CA_CERTS: settings.caFile,
      OUTBOX_POLL_MS: process.env.OUTBOX_POLL_MS || '1000',
    };
    log(`local Microsoft 365 simulator is running: Graph ${settings.graphBaseUrl}, Entra authority ${settings.authority}`);
  }

  // --- The meeting side panel's bundle (GET /tab/side-panel). A failed build leaves the bot and
  // the booking page working; the panel then answers 503 saying to build it.
  try {
    await buildTab();
    log('side panel built (dist/tab/)');
  } catch (error) {
    process.stderr.write(`[start-local] the side panel did not build; the bot still runs: ${error instanceof Error ? error.message : String(error)}\n`);
  }

  // --- Neuvo
  log(`starting Neuvo on http://127.0.0.1:${port} (NEUVO_MODE=local)`);
  const neuvo = startChild('neuvo', process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: { ...process.env, ...graphEnv, NEUVO_MODE: 'local', PORT: String(port) },
  });
  if (!(await waitForReady(`http://127.0.0.1:${port}/readyz`, neuvo))) return;
  log('Neuvo is ready');

  // --- Playground
  const endpoint = `http://127.0.0.1:${port}/api/messages`;
  const playground = startChild(
    'playground',
    process.execPath,
    [
      '--import',
      pathToFileURL(preloadFile).href,
      playgroundCli,
      '--app-endpoint', endpoint,
      '--channel-id', 'msteams',
      '--port', String(playgroundPort),
      // Replies go to 127.0.0.1, not "localhost" (which may resolve to ::1 first).
      '--service-url', `http://127.0.0.1:${playgroundPort}/_connector`,
      '--disable-telemetry',
    ],
    {
      env: {
        ...process.env,
        // Both are needed: --dt alone still lets Application Insights' statsbeat call out.
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        // The Playground opens a browser itself unless told not to.
        TEAMSAPPTESTER_BROWSER: 'none',
        // Otherwise it writes ./devTools/m365agentsplayground.log into the work tree.
        M365_AGENTS_PLAYGROUND_LOGFILE: playgroundLogFile,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
      },
    },
  );
  let actualPort;
  try {
    actualPort = await waitForPlaygroundPort(playground);
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${playgroundLogTail().join('\n')}`);
    return;
  }
  if (actualPort !== playgroundPort) {
    fail(`the Playground took port ${actualPort} instead of ${playgroundPort} (was it taken meanwhile?); replies would go to the wrong port.`);
    return;
  }
  log(`Playground log: ${playgroundLogFile}`);
  log(`you are ${process.env.NEUVO_AS || 'client'} (NEUVO_AS); config: ${configPath}`);
  process.stdout.write(`\nOpen http://localhost:${actualPort} to chat with Neuvo\n\n`);
}

main().catch((error) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
