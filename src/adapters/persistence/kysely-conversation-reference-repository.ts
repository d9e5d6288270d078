import type { Kysely } from 'kysely';
import type {
  ConversationReferenceRepository,
  StoredConversationReference,
} from '../../use-cases/ports/repositories.js';
import type { Database } from './database.js';
import type { SqlDialect } from './dialect.js';

/** Conversation references for proactive messages: one per (tenant, user key), last write wins. */
export class KyselyConversationReferenceRepository implements ConversationReferenceRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async save(ref: StoredConversationReference): Promise<void> {
    const changes = {
      conversation_id: ref.conversationId,
      service_url: ref.serviceUrl,
      locale: ref.locale,
      reference: JSON.stringify(ref.reference),
      updated_at: this.dialect.toInstant(ref.updatedAt),
    };
    await this.db
      .insertInto('conversation_references')
      .values({ tenant_id: ref.tenantId, user_key: ref.userKey, ...changes })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_key']).doUpdateSet(changes))
      .execute();
  }

  async find(tenantId: string, userKey: string): Promise<StoredConversationReference | undefined> {
    const row = await this.db
      .selectFrom('conversation_references')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_key', '=', userKey)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      tenantId: row.tenant_id,
      userKey: row.user_key,
      conversationId: row.conversation_id,
      serviceUrl: row.service_url,
      locale: row.locale,
      reference: JSON.parse(row.reference) as Record<string, unknown>,
      updatedAt: this.dialect.fromInstant(row.updated_at),
    };
  }
}
