import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { expect } from 'vitest';
import { SQLITE_FILE_NAME } from '../../src/adapters/persistence/create-database.js';
import { startNeuvoWithGraph, type NeuvoWithGraph } from '../e2e/booking-driver.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from '../e2e/neuvo-server.js';
import type { LocalTeamsChannelOptions } from '../harness/local-teams-channel.js';

/**
 * Shared by the security tests: a REAL composed Neuvo (production mode, SQLite in a temp folder,
 * the local Teams channel, optionally the Graph simulator) plus a read-only window on its
 * database, so every abuse case can prove "nothing was written".
 *
 * Why a second SQLite connection and not the repositories: the ports have no "count" or "list
 * everything" (they are shaped for the product, and `src/` is not ours to change here). The
 * connection is read-only and sees committed data only — which is exactly what a refused request
 * must not have produced. The server's own writes are durable before it answers (ADR 8: a
 * group-committed write resolves after its COMMIT), so reading after the response is enough.
 */

/** The tables whose rows the issue names (clients … audit) plus the redelivery log. */
export const WATCHED_TABLES = [
  'clients',
  'intakes',
  'bookings',
  'outbox',
  'consents',
  'conversation_references',
  'public_sessions',
  'audit_log',
  'processed_activities',
  'staff',
  'adviser_weekly_hours',
  'adviser_absences',
  'adviser_municipalities',
] as const;
export type WatchedTable = (typeof WATCHED_TABLES)[number];

/** Every watched table's rows, each row as its JSON text (a multiset, order-free). */
export type DatabaseSnapshot = Readonly<Record<WatchedTable, readonly string[]>>;

export type RowCounts = Readonly<Record<WatchedTable, number>>;

/** Rows that appeared or disappeared (an update shows as one of each). */
export type TableChanges = Partial<Record<WatchedTable, { readonly added: readonly Record<string, unknown>[]; readonly removed: readonly Record<string, unknown>[] }>>;

/** A read-only view of the running server's SQLite file. */
export class DatabaseProbe {
  private readonly sqlite: SQLite.Database;

  constructor(dataDir: string) {
    this.sqlite = new SQLite(join(dataDir, SQLITE_FILE_NAME), { readonly: true, fileMustExist: true });
  }

  /** All rows of one table, as stored (JSON columns as text), in insertion order. */
  rows(table: WatchedTable): Record<string, unknown>[] {
    return this.sqlite.prepare(`select * from "${table}" order by rowid`).all() as Record<string, unknown>[];
  }

  /**
   * Every row of every table (Kysely's migration bookkeeping and SQLite's full-text shadow
   * tables left out), as JSON text, by table: for surfaces that write beyond the watched tables
   * (the tab API writes contacts, associations, erasure records) and for "nothing about her is left".
   */
  allTables(): Map<string, string[]> {
    const tables = this.sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' and name not like '%_fts%'`).all() as { name: string }[];
    return new Map(tables.map(({ name }) => [name, (this.sqlite.prepare(`select * from "${name}"`).all() as unknown[]).map((row) => JSON.stringify(row))]));
  }

  snapshot(): Promise<DatabaseSnapshot> {
    return Promise.resolve(this.read());
  }

  private read(): DatabaseSnapshot {
    return Object.fromEntries(WATCHED_TABLES.map((table) => [table, this.rows(table).map((row) => JSON.stringify(row))])) as unknown as DatabaseSnapshot;
  }

  counts(): RowCounts {
    return countsOf(this.read());
  }

  /** What changed since `before`, by table; tables without changes are left out. */
  async changesSince(before: DatabaseSnapshot): Promise<TableChanges> {
    // A refused request that still wrote would normally do it before answering; give a stray
    // asynchronous write (the kind this helper exists to catch) a moment to land before we look.
    await settle();
    const after = this.read();
    const changes: Record<string, { added: Record<string, unknown>[]; removed: Record<string, unknown>[] }> = {};
    for (const table of WATCHED_TABLES) {
      const added = multisetMinus(after[table], before[table]);
      const removed = multisetMinus(before[table], after[table]);
      if (added.length > 0 || removed.length > 0) {
        changes[table] = { added: added.map((r) => JSON.parse(r) as Record<string, unknown>), removed: removed.map((r) => JSON.parse(r) as Record<string, unknown>) };
      }
    }
    return changes as TableChanges;
  }

  /**
   * Asserts that no watched table changed since `before`, except the ones in `except`.
   * `processed_activities` is usually excepted for AUTHENTICATED activities: recording a
   * redelivery key is what a signed activity always does, and it holds no personal data.
   */
  async expectUnchanged(before: DatabaseSnapshot, options: { readonly except?: readonly WatchedTable[]; readonly label?: string } = {}): Promise<TableChanges> {
    const changes = await this.changesSince(before);
    const except = new Set(options.except ?? []);
    const unexpected = Object.fromEntries(Object.entries(changes).filter(([table]) => !except.has(table as WatchedTable)));
    expect(unexpected, options.label ?? 'database changes').toEqual({});
    return changes;
  }

  close(): void {
    this.sqlite.close();
  }
}

export function countsOf(snap: DatabaseSnapshot): RowCounts {
  return Object.fromEntries(WATCHED_TABLES.map((table) => [table, snap[table].length])) as unknown as RowCounts;
}

function multisetMinus(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const row of b) left.set(row, (left.get(row) ?? 0) + 1);
  const out: string[] = [];
  for (const row of a) {
    const n = left.get(row) ?? 0;
    if (n > 0) left.set(row, n - 1);
    else out.push(row);
  }
  return out;
}

export const settle = (ms = 25): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A running Neuvo with its database probe; `close` stops both and removes the data folder. */
export interface SecuredNeuvo {
  readonly sut: RunningNeuvo;
  readonly db: DatabaseProbe;
  /** Only when started with Graph. */
  readonly graph?: NeuvoWithGraph['graph'];
  close(): Promise<void>;
}

/** Neuvo on the local Teams channel (no Graph), its SQLite file in a folder we can read. */
export async function startProbedNeuvo(channelOptions: Partial<LocalTeamsChannelOptions> = {}, env: Record<string, string> = {}, clock?: () => Date): Promise<SecuredNeuvo> {
  const dataDir = mkdtempSync(join(tmpdir(), 'neuvo-security-'));
  const sut = await startNeuvoWithLocalTeams(channelOptions, { ...env, NEUVO_DATA_DIR: dataDir }, clock);
  const db = new DatabaseProbe(dataDir);
  return {
    sut,
    db,
    async close() {
      db.close();
      await sut.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Neuvo with the Graph simulator (meetings, mail) and an injected clock. */
export async function startProbedNeuvoWithGraph(env: Record<string, string>, clock: () => Date): Promise<SecuredNeuvo> {
  const dataDir = mkdtempSync(join(tmpdir(), 'neuvo-security-'));
  const started = await startNeuvoWithGraph({ ...env, NEUVO_DATA_DIR: dataDir }, clock);
  const db = new DatabaseProbe(dataDir);
  return {
    sut: started.sut,
    db,
    graph: started.graph,
    async close() {
      db.close();
      await started.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One raw HTTP exchange: the path is sent exactly as given (fetch would normalize `..`). */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

export function rawRequest(baseUrl: string, options: { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  if (url.hostname !== '127.0.0.1') throw new Error('rawRequest only talks to 127.0.0.1');
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: Number(url.port), method: options.method, path: options.path, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** True when nothing put `key` on Object.prototype (a prototype-pollution probe). */
export function prototypeIsClean(...keys: string[]): boolean {
  const probe: Record<string, unknown> = {};
  return keys.every((key) => !(key in probe) && (Object.prototype as Record<string, unknown>)[key] === undefined);
}

/** Every string value anywhere in a JSON value, with the key it sits under. */
export function stringsIn(node: unknown, key = ''): { key: string; value: string }[] {
  if (typeof node === 'string') return [{ key, value: node }];
  if (Array.isArray(node)) return node.flatMap((n) => stringsIn(n, key));
  if (node && typeof node === 'object') return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => stringsIn(v, k));
  return [];
}
