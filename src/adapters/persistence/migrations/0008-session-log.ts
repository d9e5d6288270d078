import type { Kysely, Migration } from 'kysely';

/**
 * The indexes of the advisers' tab's session log (issue 6), which pages newest first with a
 * keyset on (started_at, id) (kysely-session-log-reader.ts):
 * - (municipality_code, started_at, id): a municipality's page is one backward index walk that
 *   stops after the page, ties on started_at included; a scope of several municipalities walks
 *   it once per municipality.
 * - (adviser_id, started_at, id): the same for the adviser filter, whatever the scope.
 * Each replaces 0007's index without `id`, its prefix, so a contact write still maintains one
 * index per access path, not two.
 */
export function sessionLogMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('contacts_municipality_started_id_idx').on('contacts').columns(['municipality_code', 'started_at', 'id']).execute();
      await db.schema.dropIndex('contacts_municipality_started_idx').execute();
      await db.schema.createIndex('contacts_adviser_started_id_idx').on('contacts').columns(['adviser_id', 'started_at', 'id']).execute();
      await db.schema.dropIndex('contacts_adviser_started_idx').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('contacts_adviser_started_idx').on('contacts').columns(['adviser_id', 'started_at']).execute();
      await db.schema.dropIndex('contacts_adviser_started_id_idx').execute();
      await db.schema.createIndex('contacts_municipality_started_idx').on('contacts').columns(['municipality_code', 'started_at']).execute();
      await db.schema.dropIndex('contacts_municipality_started_id_idx').execute();
    },
  };
}
