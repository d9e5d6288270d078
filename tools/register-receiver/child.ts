import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** The command-line receiver (cli.ts) running in a child process. */
export interface RegisterReceiverProcess {
  /** Origin the receiver printed, e.g. `http://127.0.0.1:4700`. */
  readonly url: string;
  readonly pid: number;
  /** Sends `signal` (default SIGTERM: a clean close) and resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `tools/register-receiver/cli.ts` on a free port and resolves with its URL once it listens.
 * For what an in-process receiver cannot show: surviving a SIGKILL, or a bench where the receiver
 * must not share the caller's event loop and core.
 */
export async function spawnRegisterReceiver(options: { readonly token: string; readonly dbFile?: string }): Promise<RegisterReceiverProcess> {
  const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
  const args = ['--import', 'tsx', cli, '--port', '0', '--token', options.token, ...(options.dbFile ? ['--db', options.dbFile] : [])];
  const child: ChildProcessByStdio<null, Readable, null> = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (text: string) => {
        const found = /http:\/\/127\.0\.0\.1:\d+/.exec(text);
        if (found) resolve(found[0]);
      });
      child.once('exit', (code) => reject(new Error(`register receiver exited with ${code}`)));
    });
    return { url, pid: child.pid ?? 0, stop };
  } catch (error) {
    await stop('SIGKILL');
    throw error;
  }
}
