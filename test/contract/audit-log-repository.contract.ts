import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/domain/audit/audit-entry.js';
import type { TestDatabase } from './test-databases.js';

const T0 = new Date('2025-03-03T08:00:00.000Z');

const anEntry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  at: T0,
  actorId: 'adviser-oid',
  actorTenantId: 'tenant-1',
  action: 'client.read',
  clientId: 'client-1',
  entityType: 'client',
  entityId: 'client-1',
  fields: ['displayName', 'preferredLanguage'],
  channel: 'tab',
  outcome: 'ok',
  ...overrides,
});

export function auditLogRepositoryContract(subject: () => TestDatabase): void {
  describe('AuditLog', () => {
    it('appends and lists newest first, with ids', async () => {
      const { audit } = subject().uow;
      await audit.append(anEntry({ at: new Date(T0.getTime() + 2000), action: 'client.update' }));
      await audit.append(anEntry({ at: T0 }));
      await audit.append(
        anEntry({ at: new Date(T0.getTime() + 2000), action: 'contact.create', actorId: 'system:outbox', actorTenantId: null, clientId: null, entityId: null, fields: [], channel: 'worker', outcome: 'error' }),
      );

      const listed = await audit.list({});

      expect(listed.map((e) => e.action)).toEqual(['contact.create', 'client.update', 'client.read']);
      expect(listed[2]).toEqual({ ...anEntry({ at: T0 }), id: expect.any(Number) });
      expect(listed[0]).toMatchObject({ actorTenantId: null, clientId: null, entityId: null, fields: [], channel: 'worker', outcome: 'error' });
      expect(new Set(listed.map((e) => e.id)).size).toBe(3);
    });

    it('appends many at once, in order, across statement chunks, and nothing for an empty list', async () => {
      const { audit } = subject().uow;
      await audit.appendMany([]);
      const entries = Array.from({ length: 1203 }, (_, i) => anEntry({ clientId: `client-${i}`, entityId: `client-${i}` }));

      await audit.appendMany(entries);

      const listed = await audit.list({ limit: 2000 });
      expect(listed).toHaveLength(1203);
      // Same `at` for all: newest first is by insertion order, so the list is the input reversed.
      expect(listed.map((e) => e.clientId)).toEqual(entries.map((e) => e.clientId).reverse());
      expect(listed[0]).toEqual({ ...entries[1202], id: expect.any(Number) });
    });

    it('appends many with nulls, empty field lists and text that array syntax would break, value for value', async () => {
      const { audit } = subject().uow;
      // PostgreSQL sends the rows as one array per column: quotes, braces, commas, backslashes and
      // the word NULL must come back as written, and a null as null.
      const entries = [
        anEntry({ at: T0, actorTenantId: null, clientId: null, entityId: null, fields: [], channel: 'worker', outcome: 'error', actorId: 'system:retention' }),
        anEntry({ at: new Date(T0.getTime() + 1), entityType: 'contact', entityId: 'a,b {c} "d" \\e', fields: ['NULL', 'x,y', '{z}'], action: 'contact.read' }),
        anEntry({ at: new Date(T0.getTime() + 2), clientId: 'NULL', entityId: '', outcome: 'denied' }),
      ];

      await audit.appendMany(entries);

      const listed = await audit.list({});
      expect(listed).toEqual([...entries].reverse().map((e) => ({ ...e, id: expect.any(Number) })));
    });

    it('filters by client and actor, and limits', async () => {
      const { audit } = subject().uow;
      await audit.append(anEntry({ clientId: 'client-1', actorId: 'a' }));
      await audit.append(anEntry({ clientId: 'client-2', actorId: 'a' }));
      await audit.append(anEntry({ clientId: 'client-1', actorId: 'b' }));

      expect((await audit.list({ clientId: 'client-1' })).map((e) => e.actorId)).toEqual(['b', 'a']);
      expect((await audit.list({ actorId: 'a' })).map((e) => e.clientId)).toEqual(['client-2', 'client-1']);
      expect(await audit.list({ clientId: 'client-1', actorId: 'a' })).toHaveLength(1);
      expect(await audit.list({ limit: 2 })).toHaveLength(2);
    });

    it('pages newest first with the keyset cursor of the last entry, ties on `at` by insertion order', async () => {
      const { audit } = subject().uow;
      const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
      // Appended out of time order, as two instances with slightly different clocks would.
      const appended: readonly (readonly [number, string])[] = [
        [1, 'a'],
        [3, 'b'],
        [2, 'c'],
        [3, 'd'],
        [0, 'e'],
      ];
      for (const [seconds, action] of appended) await audit.append(anEntry({ at: at(seconds), action }));
      await audit.append(anEntry({ at: at(9), clientId: 'client-2', action: 'other' }));

      const pages: string[][] = [];
      let before: { at: Date; id: number } | undefined;
      for (;;) {
        const page = await audit.list({ clientId: 'client-1', limit: 2, ...(before ? { before } : {}) });
        if (page.length === 0) break;
        pages.push(page.map((e) => e.action));
        before = { at: page.at(-1)!.at, id: page.at(-1)!.id };
      }

      expect(pages).toEqual([['d', 'b'], ['c', 'a'], ['e']]);
    });

    it('cannot be updated or deleted, even by raw SQL', async (context) => {
      const { uow, rawSql } = subject();
      if (rawSql === undefined) return context.skip(); // the fake has no SQL; its port has no update
      await uow.audit.append(anEntry());

      await expect(rawSql(`update audit_log set outcome = 'denied'`)).rejects.toThrow(/append-only/);
      await expect(rawSql('delete from audit_log')).rejects.toThrow(/append-only/);
      expect(await uow.audit.list({})).toEqual([{ ...anEntry(), id: expect.any(Number) }]);
    });

    it('refuses a targeted UPDATE and DELETE of one row, and TRUNCATE on PostgreSQL, as the table owner', async (context) => {
      // The tests connect as the role that created the tables (the owner, as the app is in our
      // deploy): a REVOKE would not bind it, the triggers of the first migration do.
      const { uow, rawSql, dialect } = subject();
      if (rawSql === undefined) return context.skip();
      await uow.audit.append(anEntry({ action: 'client.export' }));
      await uow.audit.append(anEntry());
      const [row] = await uow.audit.list({ limit: 1 });

      await expect(rawSql(`update audit_log set action = 'client.read', fields = '[]' where id = ${row!.id}`)).rejects.toThrow(/append-only: UPDATE/);
      await expect(rawSql(`update audit_log set at = at where id = ${row!.id}`)).rejects.toThrow(/append-only: UPDATE/);
      await expect(rawSql(`delete from audit_log where id = ${row!.id}`)).rejects.toThrow(/append-only: DELETE/);
      if (dialect === 'postgres') await expect(rawSql('truncate audit_log')).rejects.toThrow(/append-only: TRUNCATE/);

      expect(await uow.audit.list({})).toEqual([
        { ...anEntry(), id: row!.id },
        { ...anEntry({ action: 'client.export' }), id: expect.any(Number) },
      ]);
    });
  });
}
