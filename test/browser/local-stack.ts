import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs `scripts/start-local.mjs` (what `npm start` runs) as a child process, on free ports and with
 * the caller's data folder, so the browser test drives exactly the local set-up a developer gets:
 * Neuvo (NEUVO_MODE=local) + the Microsoft 365 Agents Playground with telemetry off.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const START_LOCAL = join(ROOT, 'scripts', 'start-local.mjs');
const OUTPUT_TAIL = 200;

export interface LocalStack {
  /** The Playground's UI, e.g. http://localhost:41234 (what start-local prints). */
  readonly playgroundUrl: string;
  /** Neuvo's base URL, e.g. http://127.0.0.1:41233. */
  readonly neuvoUrl: string;
  /** The last lines that start-local and its children printed (for failure messages). */
  output(): string;
  /** SIGTERM start-local (it stops both children), then SIGKILL any PID still alive. */
  stop(): Promise<void>;
}

export interface LocalStackOptions {
  readonly dataDir: string;
  readonly playgroundLogFile: string;
  readonly startTimeoutMs: number;
  /** Who you are in the Playground (start-local's NEUVO_AS); default the demo client. */
  readonly as?: string;
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const port = await freePort();
  let playgroundPort = await freePort();
  while (playgroundPort === port) playgroundPort = await freePort();

  const lines: string[] = [];
  const childPids = new Set<number>();
  const child = spawn(process.execPath, [START_LOCAL], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      PLAYGROUND_PORT: String(playgroundPort),
      NEUVO_DATA_DIR: options.dataDir,
      M365_AGENTS_PLAYGROUND_LOGFILE: options.playgroundLogFile,
      NEUVO_AS: options.as ?? 'client',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    },
  });
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const ready = new Promise<string>((resolveUrl, reject) => {
    const onLine = (line: string) => {
      lines.push(line);
      if (lines.length > OUTPUT_TAIL) lines.shift();
      const pid = /\[start-local\] \w+ started, pid (\d+)/.exec(line);
      if (pid?.[1]) childPids.add(Number(pid[1]));
      const open = /^Open (http:\/\/localhost:\d+) to chat with Neuvo$/.exec(line);
      if (open?.[1]) resolveUrl(open[1]);
    };
    forEachLine(child, onLine);
    void exited.then((code) => reject(new Error(`start-local exited (code ${code}) before the Playground was ready. Output:\n${tail(lines)}`)));
    setTimeout(
      () => reject(new Error(`start-local was not ready within ${options.startTimeoutMs / 1000} s. Output:\n${tail(lines)}`)),
      options.startTimeoutMs,
    ).unref();
  });

  const stack: LocalStack = {
    playgroundUrl: '',
    neuvoUrl: `http://127.0.0.1:${port}`,
    output: () => tail(lines),
    stop: async () => {
      if (!hasExited && child.pid !== undefined) {
        signal(child.pid, 'SIGTERM');
        await Promise.race([exited, sleep(10_000)]);
      }
      // start-local stops its children itself; this is only for a start-local that hung or died hard.
      for (const pid of [...childPids, child.pid]) if (pid !== undefined && isAlive(pid)) signal(pid, 'SIGKILL');
    },
  };
  try {
    return { ...stack, playgroundUrl: await ready };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

function forEachLine(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) onLine(line);
    });
  }
}

function tail(lines: readonly string[]): string {
  return lines.map((l) => `  | ${l}`).join('\n');
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}
