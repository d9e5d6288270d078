import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { compose, type Neuvo } from '../../src/composition-root.js';
import { loadConfig } from '../../src/config/config.js';
import { startLocalTeamsChannel, type LocalTeamsChannel, type LocalTeamsChannelOptions } from '../harness/local-teams-channel.js';

/** Every log line the server wrote, parsed, plus the raw text for "contains no …" checks. */
export class CapturedLogs extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  raw = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    const text = chunk.toString('utf8');
    this.raw += text;
    for (const line of text.split('\n').filter(Boolean)) this.lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  }
  events(): unknown[] {
    return this.lines.map((l) => l.event);
  }
}

export interface RunningNeuvo {
  readonly neuvo: Neuvo;
  readonly channel: LocalTeamsChannel;
  readonly logs: CapturedLogs;
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  readonly messagesUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the local Teams channel and a production-mode Neuvo pointed at it, on SQLite in a temp
 * dir and a free port. The outbox worker is not started: tests run `dispatcher.runOnce()`.
 */
export async function startNeuvoWithLocalTeams(
  channelOptions: Partial<LocalTeamsChannelOptions> = {},
  env: Record<string, string> = {},
  /** Tests that move time (reminders) pass their own clock; default real time. */
  clock?: () => Date,
): Promise<RunningNeuvo> {
  const tenantId = channelOptions.tenantId ?? '5f1a0c2e-0000-4000-8000-0000000000aa';
  const channel = await startLocalTeamsChannel({
    botAppId: channelOptions.botAppId ?? `bot-${Math.random().toString(16).slice(2, 10)}`,
    botPassword: 'local-test-secret',
    tenantId,
    ...channelOptions,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'neuvo-e2e-'));
  const logs = new CapturedLogs();
  const config = loadConfig({
    ...channel.botEnv(),
    NEUVO_MODE: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    NEUVO_DATA_DIR: dataDir,
    ALLOWED_TENANT_IDS: tenantId,
    LOG_LEVEL: 'info',
    ...env,
  });
  const neuvo = await compose(config, { logDestination: logs, startWorker: false, ...(clock ? { clock } : {}) });
  const port = await neuvo.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    neuvo,
    channel,
    logs,
    baseUrl,
    messagesUrl: `${baseUrl}/api/messages`,
    async close() {
      await neuvo.stop();
      await channel.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
