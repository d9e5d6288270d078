import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { seedMunicipalities } from '../../src/adapters/persistence/seed.js';
import { aNewClient } from '../factories/client-factory.js';
import type { TestDatabase } from './test-databases.js';

const T0 = new Date('2025-03-03T08:00:00.000Z');

export function unitOfWorkContract(subject: () => TestDatabase): void {
  describe('UnitOfWork', () => {
    it('commits the business row and its outbox row together', async () => {
      const { uow, peer } = subject();
      await seedMunicipalities(uow, []);

      const client = await uow.transaction(async (repos) => {
        const created = await repos.clients.create(aNewClient(), T0);
        await repos.outbox.enqueue({ topic: 'register.upsert_client', payload: { clientId: created.id } }, T0);
        return created;
      });

      expect(await peer.clients.get(client.id)).toEqual(client);
      expect(await peer.outbox.countByStatus()).toEqual({ pending: 1, done: 0, dead: 0 });
    });

    it('rolls back every row when the work throws, and rethrows', async () => {
      const { uow, peer } = subject();
      await seedMunicipalities(uow, []);
      let clientId = '';

      await expect(
        uow.transaction(async (repos) => {
          clientId = (await repos.clients.create(aNewClient({ municipalityCode: 'ilomantsi' }), T0)).id;
          await repos.outbox.enqueue({ topic: 'register.upsert_client', payload: { clientId } }, T0);
          await repos.audit.append({ at: T0, actorId: 'a', actorTenantId: null, action: 'client.create', clientId, entityType: 'client', entityId: clientId, fields: [], channel: 'bot', outcome: 'ok' });
          throw new Error('slot taken meanwhile');
        }),
      ).rejects.toThrow('slot taken meanwhile');

      expect(clientId).not.toBe('');
      expect(await peer.clients.get(clientId)).toBeUndefined();
      expect(await peer.clients.listByMunicipality('ilomantsi', 10)).toEqual([]);
      expect(await peer.outbox.countByStatus()).toEqual({ pending: 0, done: 0, dead: 0 });
      expect(await peer.audit.list({})).toEqual([]);
      // The connection is usable after the rollback.
      await uow.transaction(async (repos) => repos.municipalities.upsert({ code: 'juuka', name: 'Juuka' }));
      expect(await uow.municipalities.get('juuka')).toEqual({ code: 'juuka', name: 'Juuka' });
    });

    it('runs concurrent read-then-write transactions one after another, all committed', async () => {
      const { uow } = subject();
      await seedMunicipalities(uow, []);
      const counts = await Promise.all(
        Array.from({ length: 6 }, () =>
          uow.transaction(async (repos) => {
            const before = await repos.clients.listByMunicipality('kontiolahti', 100);
            await repos.clients.create(aNewClient({ municipalityCode: 'kontiolahti' }), T0);
            return before.length;
          }),
        ),
      );
      expect(await uow.clients.listByMunicipality('kontiolahti', 100)).toHaveLength(6);
      if (subject().dialect !== 'postgres') expect([...counts].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it('on SQLite, waits for another process holding the write lock instead of failing', async (context) => {
      const { uow, sqliteFile } = subject();
      if (sqliteFile === undefined) return context.skip();
      await seedMunicipalities(uow, []);
      // The other process takes the write lock, holds it 300 ms, then commits a municipality.
      // With a deferred BEGIN our read would see the old snapshot and the write would then fail
      // with SQLITE_BUSY_SNAPSHOT; BEGIN IMMEDIATE + busy_timeout waits and sees the new row.
      const otherProcess = await holdSqliteWriteLock(sqliteFile, 300);

      const seen = await uow.transaction(async (repos) => {
        const names = (await repos.municipalities.list()).map((m) => m.code);
        await repos.municipalities.upsert({ code: 'juuka', name: 'Juuka' });
        return names;
      });

      await otherProcess.exited;
      expect(seen).toContain('nurmes');
      expect((await uow.municipalities.list()).map((m) => m.code)).toEqual(expect.arrayContaining(['juuka', 'nurmes']));
    });

    it('answers ping', async () => {
      await expect(subject().uow.ping()).resolves.toBeUndefined();
    });
  });
}

/** Starts a process that holds SQLite's write lock on `file` for `holdMs`; resolves once it holds it. */
async function holdSqliteWriteLock(file: string, holdMs: number): Promise<{ exited: Promise<unknown> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.pragma('busy_timeout = 5000');
    db.exec('begin immediate');
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.prepare("insert into municipalities (code, name) values ('nurmes', 'Nurmes')").run();
    db.exec('commit');
    db.close();
  `;
  const child = spawn(process.execPath, ['-e', script, file, String(holdMs)], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const [chunk] = (await Promise.race([once(child.stdout, 'data'), exited])) as unknown[];
  if (String(chunk).trim() !== 'locked') throw new Error('The lock-holding process did not start.');
  return { exited };
}
