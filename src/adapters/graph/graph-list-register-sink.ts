import type { Client, GraphRequest } from '@microsoft/microsoft-graph-client';
import type { FieldValueSet, ListItem } from '@microsoft/microsoft-graph-types';
import { GraphError } from '../../use-cases/ports/graph.js';
import type { RegisterContact, RegisterSink, RegisterValue } from '../../use-cases/ports/register-sink.js';
import { callGraph, DEFAULT_GRAPH_TIMEOUT_MS, graphRequest } from './graph-request.js';

/** Where the register list is and which of its columns Neuvo owns. */
export interface GraphListRegisterSinkOptions {
  /** Graph's site id (`{hostname},{site collection id},{web id}`). */
  readonly siteId: string;
  /** The list's id (GUID). */
  readonly listId: string;
  /**
   * Internal name of the single-line-of-text column holding `contactKey`. It should be indexed
   * and enforce unique values (docs/graph.md); default `ContactKey`.
   */
  readonly keyColumn?: string;
  /** Internal name of the Number column holding `revision`; default `NeuvoRevision`. */
  readonly revisionColumn?: string;
  readonly timeoutMs?: number;
}

/**
 * One match is the normal case; asking for two is how a duplicate made by hand becomes visible
 * without paging through the list.
 */
const LOOKUP_TOP = 2;

/**
 * SharePoint refuses a `$filter` on a column that is not indexed unless the request accepts that
 * the query "may fail randomly" (on lists past the 5,000-item view threshold). With the key
 * column indexed, as docs/graph.md asks, the header changes nothing.
 */
const PREFER_NON_INDEXED = 'HonorNonIndexedQueriesWarningMayFailRandomly';

/** Bounds `delete` to 5 × {@link LOOKUP_TOP} items per call; the outbox retries for any left. */
const MAX_DELETE_ROUNDS = 5;

/** SharePoint internal column names (`_x0020_` encodes a space); anything else could change the `$filter`. */
const INTERNAL_COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A fieldValueSet as we write it: column internal name → value. */
type Columns = FieldValueSet & Record<string, RegisterValue>;

interface FoundItem {
  readonly id: string;
  readonly revision: number;
}

/**
 * `RegisterSink` over a Microsoft List / SharePoint list through Graph list items.
 *
 * Graph has no idempotency key for list items, so every call looks the item up by the contact-key
 * column first and writes only what is missing: no item → create, an older revision → update its
 * fields, this or a newer revision → nothing. A retry after a crash between Graph's answer and
 * the outbox's acknowledgement therefore never writes a second item, and a late retry of an older
 * revision never undoes a correction. The `idempotencyKey` is not sent: key + revision are the
 * idempotency here.
 *
 * Not safe against two workers upserting the same new contact at the same moment (both find
 * nothing, both create): the key column's "enforce unique values" makes SharePoint refuse the
 * second create, and the outbox's retry then finds the first.
 *
 * Needs `Sites.ReadWrite.All`, or `Sites.Selected` with a write grant on the one site. Failures
 * come out as `GraphError` (throttled with `retryAfterMs`, unavailable, permanent for 400/403/404).
 */
export class GraphListRegisterSink implements RegisterSink {
  private readonly itemsPath: string;
  private readonly keyColumn: string;
  private readonly revisionColumn: string;
  private readonly timeoutMs: number;

  constructor(
    private readonly client: Client,
    options: GraphListRegisterSinkOptions,
  ) {
    this.keyColumn = options.keyColumn ?? 'ContactKey';
    this.revisionColumn = options.revisionColumn ?? 'NeuvoRevision';
    this.timeoutMs = options.timeoutMs ?? DEFAULT_GRAPH_TIMEOUT_MS;
    for (const column of [this.keyColumn, this.revisionColumn]) {
      if (!INTERNAL_COLUMN_NAME.test(column)) {
        throw new Error(`Register list column '${column}' is not a SharePoint internal name (letters, digits, _): use the column's internal name.`);
      }
    }
    this.itemsPath = `/sites/${encodeURIComponent(options.siteId)}/lists/${encodeURIComponent(options.listId)}/items`;
  }

  async upsert(contact: RegisterContact, _idempotencyKey: string): Promise<void> {
    const current = newest(await this.find(contact.contactKey));
    if (current && current.revision >= contact.revision) return;
    // Key and revision last: a field mapping that names one of our columns must not overwrite them.
    const fields: Columns = { ...contact.fields, [this.keyColumn]: contact.contactKey, [this.revisionColumn]: contact.revision };
    if (!current) {
      const item: ListItem = { fields };
      await callGraph('listItems/create', () => this.request(this.itemsPath).post(item) as Promise<unknown>);
      return;
    }
    await callGraph('listItems/update', () => this.request(`${this.itemPath(current.id)}/fields`).patch(fields) as Promise<unknown>);
  }

  /**
   * Deletes every item carrying the key, a duplicate made by hand included: an erasure must leave
   * no copy of the contact in the register.
   */
  async delete(contactKey: string, _idempotencyKey: string): Promise<void> {
    for (let round = 0; round < MAX_DELETE_ROUNDS; round += 1) {
      const found = await this.find(contactKey);
      for (const item of found) await this.deleteItem(item.id);
      if (found.length < LOOKUP_TOP) return;
    }
    throw new GraphError(`Graph listItems/delete: items with the key remain after ${MAX_DELETE_ROUNDS * LOOKUP_TOP} deletions.`, 'unknown', { status: 200 });
  }

  /** The items whose key column equals `contactKey` (at most {@link LOOKUP_TOP}). */
  private async find(contactKey: string): Promise<FoundItem[]> {
    // An OData string literal doubles its quotes (O'Brien → 'O''Brien'). Percent-encoded because
    // the Graph client copies `$filter` into the URL as given, and a key may hold & # + or %.
    const filter = encodeURIComponent(`fields/${this.keyColumn} eq '${contactKey.replaceAll("'", "''")}'`);
    const page = await callGraph(
      'listItems/lookup',
      () => this.request(this.itemsPath).header('Prefer', PREFER_NON_INDEXED).filter(filter).expand('fields').top(LOOKUP_TOP).get() as Promise<{ value?: ListItem[] } | null>,
    );
    if (!Array.isArray(page?.value)) throw new GraphError('Graph listItems/lookup answered without a value array.', 'unknown', { status: 200 });
    return page.value.map((item) => {
      if (typeof item.id !== 'string') throw new GraphError('Graph listItems/lookup answered an item without id.', 'unknown', { status: 200 });
      return { id: item.id, revision: revisionOf((item.fields as Record<string, unknown> | null | undefined)?.[this.revisionColumn]) };
    });
  }

  private async deleteItem(id: string): Promise<void> {
    try {
      await callGraph('listItems/delete', () => this.request(this.itemPath(id)).delete() as Promise<unknown>);
    } catch (error) {
      // Gone between our lookup and the delete (a concurrent retry, or removed by hand): the outcome we wanted.
      if (error instanceof GraphError && error.reason === 'not_found') return;
      throw error;
    }
  }

  private itemPath(id: string): string {
    return `${this.itemsPath}/${encodeURIComponent(id)}`;
  }

  private request(path: string): GraphRequest {
    return graphRequest(this.client, path, this.timeoutMs);
  }
}

/**
 * The item to keep up to date: the one with the highest revision. A second item with the same key
 * (made by hand, or by two concurrent creates before the column enforced unique values) is left in
 * place, not deleted: we cannot know what someone added to it (notes, attachments, other columns),
 * deleting in the municipality's register is not a sync's call, and a visible duplicate is for the
 * list's owner to resolve, while a wrong delete cannot be undone. An erasure removes both.
 */
function newest(items: readonly FoundItem[]): FoundItem | undefined {
  return items.reduce<FoundItem | undefined>((best, item) => (best === undefined || item.revision > best.revision ? item : best), undefined);
}

/**
 * Graph writes a Number column as a JSON number; a string is accepted too. An item without a
 * readable revision (made by hand, or the column cleared) is older than any revision we send, so
 * ours replaces it: our database is the source of the register's copy.
 */
function revisionOf(value: unknown): number {
  const revision = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(revision) ? revision : Number.NEGATIVE_INFINITY;
}
