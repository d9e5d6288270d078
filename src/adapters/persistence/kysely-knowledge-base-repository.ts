import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { TopicCode } from '../../domain/intake/topics.js';
import type { TicketLanguage } from '../../domain/experts/ticket.js';
import type { KnowledgeArticle, KnowledgeBaseRepository, KnowledgeSearchHit, NewKnowledgeArticle } from '../../use-cases/ports/experts.js';
import type { Database, KbArticlesTable } from './database.js';
import { toNumber, type SqlDialect } from './dialect.js';
import { fts5Query, searchWords, type SearchWord } from './knowledge-search-terms.js';

type ArticleRow = Selectable<KbArticlesTable>;
type RankedRow = ArticleRow & { readonly score: number | string };

/**
 * The knowledge base (issue 5) over SQLite and PostgreSQL. Search uses each database's own
 * full-text engine over the index migration 0011 keeps (SQLite FTS5 table, PostgreSQL generated
 * tsvector); the words and prefixes searched for come from knowledge-search-terms.ts.
 */
export class KyselyKnowledgeBaseRepository implements KnowledgeBaseRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async save(article: NewKnowledgeArticle, now: Date): Promise<KnowledgeArticle> {
    const at = this.dialect.toInstant(now);
    const row = await this.db
      .insertInto('kb_articles')
      .values({
        id: randomUUID(),
        ticket_id: article.ticketId,
        question: article.question,
        answer: article.answer,
        topic: article.topic,
        language: article.language,
        review_by: article.reviewBy,
        created_by: article.createdBy,
        created_at: at,
        updated_at: at,
      })
      .returning(ARTICLE_COLUMNS)
      .executeTakeFirstOrThrow();
    return this.toArticle(row);
  }

  async get(id: string): Promise<KnowledgeArticle | undefined> {
    const row = await this.db.selectFrom('kb_articles').select(ARTICLE_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row && this.toArticle(row);
  }

  async search(text: string, limit: number): Promise<KnowledgeSearchHit[]> {
    const words = searchWords(text);
    if (words.length === 0 || limit <= 0) return [];
    const rows = await (this.dialect.name === 'sqlite' ? searchSqlite : searchPostgres)(this.db, words, Math.floor(limit));
    return rows.map((row) => ({ article: this.toArticle(row), rank: Number(row.score) }));
  }

  async pastReview(today: string, limit: number): Promise<KnowledgeArticle[]> {
    const rows = await this.db.selectFrom('kb_articles').select(ARTICLE_COLUMNS).where('review_by', '<', today).orderBy('review_by').orderBy('id').limit(limit).execute();
    return rows.map((row) => this.toArticle(row));
  }

  async setReviewBy(id: string, reviewBy: string, now: Date): Promise<boolean> {
    const result = await this.db.updateTable('kb_articles').set({ review_by: reviewBy, updated_at: this.dialect.toInstant(now) }).where('id', '=', id).executeTakeFirst();
    return toNumber(result.numUpdatedRows) > 0;
  }

  private toArticle(row: ArticleRow): KnowledgeArticle {
    return {
      id: row.id,
      ticketId: row.ticket_id,
      question: row.question,
      answer: row.answer,
      topic: row.topic as TopicCode,
      language: row.language as TicketLanguage,
      reviewBy: row.review_by,
      createdBy: row.created_by,
      createdAt: this.dialect.fromInstant(row.created_at),
      updatedAt: this.dialect.fromInstant(row.updated_at),
    };
  }
}

/** Named, so PostgreSQL's generated `search_vector` is never read into the domain. */
const ARTICLE_COLUMNS = ['id', 'ticket_id', 'question', 'answer', 'topic', 'language', 'review_by', 'created_by', 'created_at', 'updated_at'] as const;
const articleColumns = (alias: string) => sql.join(ARTICLE_COLUMNS.map((c) => sql.ref(`${alias}.${c}`)));

/**
 * FTS5 with bm25: the article id column weighs nothing, the question twice the answer. bm25 is
 * negative, better is lower; the hit's rank is its negation.
 */
async function searchSqlite(db: Kysely<Database>, words: readonly SearchWord[], limit: number): Promise<RankedRow[]> {
  const { rows } = await sql<RankedRow>`
    select ${articleColumns('a')}, -bm25(kb_articles_fts, 0.0, 2.0, 1.0) as score
      from kb_articles_fts
      join kb_articles a on a.id = kb_articles_fts.article_id
     where kb_articles_fts match ${fts5Query(words)}
     order by bm25(kb_articles_fts, 0.0, 2.0, 1.0), a.id
     limit ${limit}`.execute(db);
  return rows;
}

/**
 * tsquery OR of, per word: the word and its prefix stem as prefixes under `simple` (the same
 * matching as FTS5), and the word as a prefix under `finnish` and `english` (their stems: permits →
 * permit). The words are bound parameters of letters and digits only, so `to_tsquery` never sees
 * an operator from the user. A stop word gives an empty tsquery (a NOTICE, not an error) that `||`
 * ignores. ts_rank with normalization 1 (÷ 1 + log length), so a long answer does not win by length.
 */
async function searchPostgres(db: Kysely<Database>, words: readonly SearchWord[], limit: number): Promise<RankedRow[]> {
  const prefix = (config: string, term: string) => sql`to_tsquery(${sql.lit(config)}::regconfig, ${`${term}:*`}::text)`;
  const query = sql.join(
    words.flatMap(({ word, stem }) => [prefix('simple', word), ...(stem === word ? [] : [prefix('simple', stem)]), prefix('finnish', word), prefix('english', word)]),
    sql` || `,
  );
  const { rows } = await sql<RankedRow>`
    select ${articleColumns('a')}, ts_rank(a.search_vector, q.query, 1) as score
      from kb_articles a, (select ${query} as query) q
     where a.search_vector @@ q.query
     order by score desc, a.id
     limit ${limit}`.execute(db);
  return rows;
}
