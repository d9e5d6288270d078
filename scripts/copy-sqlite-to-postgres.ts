import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { copyDatabase, openSqliteSource, type CopiedTable } from '../src/adapters/persistence/copy-database.js';
import { createDatabase } from '../src/adapters/persistence/create-database.js';

/**
 * `npm run db:copy -- --from <data folder or neuvo.sqlite> --to <postgres url>` — moves a Neuvo
 * installation from the embedded SQLite database to PostgreSQL (docs/operations.md, "Moving from
 * SQLite to PostgreSQL"). Stop the app first. The target is migrated, must be empty (apart from
 * the rows Neuvo seeds at start) and is written in one transaction: on any error nothing is kept.
 *
 * `--to` may be left out to read the URL from `DATABASE_URL`, which keeps the password out of the
 * shell history and the process list. `--batch-size` (default 500) sets rows per batch.
 * There is no `--force`: copying into a database that already holds a register would merge two
 * registers, which is not what a move is.
 */
export const USAGE = 'usage: npm run db:copy -- --from <sqlite data folder or file> [--to <postgres://… url, default $DATABASE_URL>] [--batch-size <rows>]';

export async function copySqliteToPostgres(argv: readonly string[], print: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<CopiedTable[]> {
  const { values } = parseArgs({
    args: [...argv],
    options: { from: { type: 'string' }, to: { type: 'string' }, 'batch-size': { type: 'string' }, force: { type: 'boolean' } },
    strict: true,
  });
  if (values.force) throw new Error('--force is not supported: copy into a new, empty PostgreSQL database.');
  const from = values.from;
  const to = values.to ?? env.DATABASE_URL;
  if (!from || !to) throw new Error(USAGE);
  if (!/^postgres(ql)?:\/\//.test(to)) throw new Error('--to must be a postgres:// or postgresql:// URL.');
  const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) throw new Error('--batch-size must be a positive whole number.');

  const source = openSqliteSource(from);
  const target = createDatabase({ kind: 'postgres', url: to });
  try {
    print(`copying ${source.file} → ${redact(to)} (target migrated first; one transaction)`);
    const started = Date.now();
    const copied = await copyDatabase(source.db, target.db, {
      ...(batchSize !== undefined ? { batchSize } : {}),
      onProgress: ({ table, copied: done, total }) => print(`  ${table}: ${done}/${total}`),
    });
    const width = Math.max(...copied.map((c) => c.table.length));
    print(`committed in ${((Date.now() - started) / 1000).toFixed(1)} s; rows per table (source = target):`);
    for (const { table, rows } of copied) print(`  ${table.padEnd(width)}  ${rows}`);
    return copied;
  } finally {
    await Promise.all([source.close(), target.close()]);
  }
}

/** The URL without its password, for output. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(the given URL)';
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  copySqliteToPostgres(process.argv.slice(2), (line) => console.log(line)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
