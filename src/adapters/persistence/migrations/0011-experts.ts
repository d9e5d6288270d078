import { sql, type Kysely, type Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

/**
 * The expert channel (issue 5, "call a friend"): tickets with their thread and the card that shows
 * them in the experts' channel, the knowledge base with its full-text index, the on-duty backup
 * rota, the channels Neuvo posts in, and trainings with their sign-ups.
 *
 * Per dialect (the rest is shared):
 * - `tickets.number`: PostgreSQL an identity column, so concurrent creates on any number of
 *   instances never collide; SQLite a plain integer given max + 1 in the INSERT itself (the INSERT
 *   holds SQLite's write lock, so writers are serialised).
 * - Knowledge-base search (kysely-expert-repositories.ts, `KyselyKnowledgeBaseRepository.search`):
 *   SQLite an FTS5 table kept by triggers; PostgreSQL a stored generated tsvector with a GIN index.
 *   Neither is copied by `npm run db:copy`: the PostgreSQL column is generated on the target, and
 *   the FTS5 table and its shadow tables are not ordinary tables (copy-database.ts).
 */
export function expertsMigration(dialect: SqlDialect): Migration {
  const instant = dialect.instantType;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('tickets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', dialect.name === 'postgres' ? 'bigint' : 'integer', (c) => {
          const column = c.notNull().unique();
          return dialect.name === 'postgres' ? column.generatedAlwaysAsIdentity() : column;
        })
        .addColumn('asker_id', 'text', (c) => c.notNull().references('staff.id'))
        .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('urgency', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('assignee_id', 'text', (c) => c.references('staff.id'))
        .addColumn('answer', 'text')
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('first_claimed_at', instant)
        .addColumn('first_answered_at', instant)
        .addColumn('claim_due_at', instant, (c) => c.notNull())
        .addColumn('escalated_at', instant)
        .addColumn('updated_at', instant, (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .execute();
      // dueForEscalation: status = 'open' and escalated_at is null and claim_due_at <= now, by claim_due_at.
      await db.schema.createIndex('tickets_escalation_idx').on('tickets').columns(['status', 'escalated_at', 'claim_due_at']).execute();
      await db.schema.createIndex('tickets_asker_created_idx').on('tickets').columns(['asker_id', 'created_at']).execute();
      await db.schema.createIndex('tickets_status_created_idx').on('tickets').columns(['status', 'created_at']).execute();
      await db.schema.createIndex('tickets_municipality_created_idx').on('tickets').columns(['municipality_code', 'created_at']).execute();

      // The thread: the identity gives insertion order (two events can share an instant).
      await dialect
        .addIdentityColumn(db.schema.createTable('ticket_events'), 'id')
        .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
        .addColumn('at', instant, (c) => c.notNull())
        // A staff id or `system:sla`: no foreign key.
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('text', 'text')
        .execute();
      await db.schema.createIndex('ticket_events_ticket_idx').on('ticket_events').columns(['ticket_id', 'id']).execute();

      await db.schema
        .createTable('ticket_posts')
        .addColumn('ticket_id', 'text', (c) => c.primaryKey().references('tickets.id').onDelete('cascade'))
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('activity_id', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('kb_articles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ticket_id', 'text', (c) => c.references('tickets.id').onDelete('set null'))
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('answer', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('review_by', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('updated_at', instant, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('kb_articles_review_by_idx').on('kb_articles').column('review_by').execute();
      for (const statement of KB_SEARCH_STATEMENTS[dialect.name]) await sql.raw(statement).execute(db);

      await db.schema
        .createTable('expert_rota')
        .addColumn('expert_id', 'text', (c) => c.notNull().references('staff.id'))
        .addColumn('from_date', 'text', (c) => c.notNull())
        .addColumn('to_date', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('expert_rota_pk', ['from_date', 'expert_id'])
        // 'YYYY-MM-DD' compares as text in date order.
        .addCheckConstraint('expert_rota_period_check', sql`from_date <= to_date`)
        .execute();
      await db.schema.createIndex('expert_rota_to_idx').on('expert_rota').column('to_date').execute();

      await db.schema
        .createTable('channels')
        .addColumn('purpose', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        // Who set it, as the audit log records actors: no foreign key (a setup script may set it).
        .addColumn('set_by', 'text', (c) => c.notNull())
        .addColumn('set_at', instant, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('trainings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('starts_at', instant, (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.check(sql`capacity is null or capacity > 0`))
        .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
        .addColumn('created_at', instant, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('training_signups')
        .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id').onDelete('cascade'))
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
        .addColumn('signed_up_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('training_signups_pk', ['training_id', 'staff_id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect.name === 'sqlite') {
        for (const trigger of ['kb_articles_fts_insert', 'kb_articles_fts_update', 'kb_articles_fts_delete']) await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
        await sql.raw('drop table if exists kb_articles_fts').execute(db);
      }
      for (const table of ['training_signups', 'trainings', 'channels', 'expert_rota', 'kb_articles', 'ticket_posts', 'ticket_events', 'tickets']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}

/**
 * The knowledge base's full-text index.
 *
 * SQLite: an FTS5 table with its own copy of the text (a knowledge base is small), kept by
 * triggers. Not an external-content table over kb_articles: that table's rowid is not an INTEGER
 * PRIMARY KEY, so VACUUM may renumber it and silently detach the index from the articles. The
 * tokenizer folds case and diacritics (ä = a) and stems English with Porter; prefix queries do the
 * rest for Finnish (see knowledge-search-terms.ts).
 *
 * PostgreSQL: one stored generated tsvector of the question (weight A) and answer (B) under three
 * configurations: `simple` (the words as written, for prefix matching as on SQLite), `finnish` and
 * `english` (snowball stems), with a GIN index. Generated, so it can never disagree with the
 * text, and a copied database builds it on insert.
 */
const KB_SEARCH_STATEMENTS: Record<SqlDialect['name'], readonly string[]> = {
  sqlite: [
    `create virtual table kb_articles_fts using fts5(article_id unindexed, question, answer, tokenize = 'porter unicode61 remove_diacritics 2')`,
    `create trigger kb_articles_fts_insert after insert on kb_articles begin
       insert into kb_articles_fts (article_id, question, answer) values (new.id, new.question, new.answer);
     end`,
    `create trigger kb_articles_fts_update after update of question, answer on kb_articles begin
       update kb_articles_fts set question = new.question, answer = new.answer where article_id = old.id;
     end`,
    `create trigger kb_articles_fts_delete after delete on kb_articles begin
       delete from kb_articles_fts where article_id = old.id;
     end`,
  ],
  postgres: [
    `alter table kb_articles add column search_vector tsvector generated always as (
       setweight(to_tsvector('simple'::regconfig, question), 'A') || setweight(to_tsvector('finnish'::regconfig, question), 'A') || setweight(to_tsvector('english'::regconfig, question), 'A') ||
       setweight(to_tsvector('simple'::regconfig, answer), 'B') || setweight(to_tsvector('finnish'::regconfig, answer), 'B') || setweight(to_tsvector('english'::regconfig, answer), 'B')
     ) stored`,
    'create index kb_articles_search_idx on kb_articles using gin (search_vector)',
  ],
};
