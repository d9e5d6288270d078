import type { Kysely, Selectable } from 'kysely';
import type {
  ConversationReferenceRepository,
  StoredConversationReference,
} from '../../use-cases/ports/repositories.js';
import type { ConversationReferencesTable, Database } from './database.js';
import type { SqlDialect } from './dialect.js';
import { preparedQuery } from './prepared-query.js';

const upsertReference = preparedQuery<Omit<Selectable<ConversationReferencesTable>, 'updated_at'> & { updated_at: Date | number }, never>((db, p) => {
  const changes = {
    conversation_id: p('conversation_id'),
    service_url: p('service_url'),
    locale: p('locale'),
    reference: p('reference'),
    updated_at: p('updated_at'),
    time_zone: p('time_zone'),
  };
  return db
    .insertInto('conversation_references')
    .values({ tenant_id: p('tenant_id'), user_key: p('user_key'), ...changes })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_key']).doUpdateSet(changes));
});

const findReference = preparedQuery<{ tenantId: string; userKey: string }, Selectable<ConversationReferencesTable>>((db, p) =>
  db.selectFrom('conversation_references').selectAll().where('tenant_id', '=', p('tenantId')).where('user_key', '=', p('userKey')),
);

/** Conversation references for proactive messages: one per (tenant, user key), last write wins. */
export class KyselyConversationReferenceRepository implements ConversationReferenceRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async save(ref: StoredConversationReference): Promise<void> {
    await upsertReference(this.db, {
      tenant_id: ref.tenantId,
      user_key: ref.userKey,
      conversation_id: ref.conversationId,
      service_url: ref.serviceUrl,
      locale: ref.locale,
      reference: JSON.stringify(ref.reference),
      updated_at: this.dialect.toInstant(ref.updatedAt),
      time_zone: ref.timeZone ?? null,
    });
  }

  async find(tenantId: string, userKey: string): Promise<StoredConversationReference | undefined> {
    const [row] = (await findReference(this.db, { tenantId, userKey })).rows;
    if (row === undefined) return undefined;
    return {
      tenantId: row.tenant_id,
      userKey: row.user_key,
      conversationId: row.conversation_id,
      serviceUrl: row.service_url,
      locale: row.locale,
      reference: JSON.parse(row.reference) as Record<string, unknown>,
      updatedAt: this.dialect.fromInstant(row.updated_at),
      // Absent when unknown, as the port promises (rows written before migration 0006 have none).
      ...(row.time_zone === null ? {} : { timeZone: row.time_zone }),
    };
  }
}
