import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphError as SdkGraphError, type Client } from '@microsoft/microsoft-graph-client';
import type { ListItem } from '@microsoft/microsoft-graph-types';
import { createGraphClient } from '../../src/adapters/graph/create-graph-client.js';
import { GraphListRegisterSink } from '../../src/adapters/graph/graph-list-register-sink.js';
import { GraphError } from '../../src/use-cases/ports/graph.js';
import type { RegisterContact } from '../../src/use-cases/ports/register-sink.js';
import { startTokenServer, type TokenServer } from '../harness/token-server.js';
import { startGraphSimulator, type GraphSimulator } from './graph-simulator.js';

const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT_ID = 'aaaaaaaa-0000-0000-0000-000000000002';
const SECRET = 'graph-list-secret';
const SITE = 'contoso.sharepoint.com,0f0e0d0c-0000-0000-0000-000000000001,0f0e0d0c-0000-0000-0000-000000000002';

let tokenServer: TokenServer;
let simulator: GraphSimulator;
let client: Client;
let lists = 0;

beforeAll(async () => {
  tokenServer = await startTokenServer({ tenantId: TENANT, clients: { [CLIENT_ID]: SECRET } });
  simulator = await startGraphSimulator({ tokens: tokenServer });
  client = createGraphClient({ baseUrl: simulator.origin, tenantId: TENANT, clientId: CLIENT_ID, clientSecret: SECRET, authority: tokenServer.authority });
});
afterAll(async () => {
  await simulator?.close();
  await tokenServer?.close();
});

/** Each test writes to a list of its own in the shared simulator. */
function setup() {
  lists += 1;
  const listId = `register-${lists}`;
  const sut = new GraphListRegisterSink(client, { siteId: SITE, listId });
  const items = () => simulator.listItems().filter((e) => e.site === SITE && e.list === listId).map((e) => e.item);
  const fields = () => items().map((item) => item.fields);
  /** Creates an item straight through Graph, as someone editing the list by hand would. */
  const createByHand = (columns: Record<string, unknown>) => client.api(`/sites/${encodeURIComponent(SITE)}/lists/${listId}/items`).post({ fields: columns } satisfies ListItem);
  return { sut, listId, items, fields, createByHand };
}

const contact = (overrides: Partial<RegisterContact> = {}): RegisterContact => ({
  contactKey: 'c-1',
  revision: 1,
  fields: { Title: 'Guidance contact', Topic: 'housing', Minutes: 30, Interpreter: false },
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(GraphError);
  return error as GraphError;
}

describe('GraphListRegisterSink.upsert', () => {
  it('creates the item with the key, the revision and the mapped columns', async () => {
    const { sut, fields } = setup();

    await sut.upsert(contact(), 'idem-1');

    expect(fields()).toEqual([{ Title: 'Guidance contact', Topic: 'housing', Minutes: 30, Interpreter: false, ContactKey: 'c-1', NeuvoRevision: 1 }]);
  });

  it('writes once when the same upsert is repeated', async () => {
    const { sut, items } = setup();

    await sut.upsert(contact(), 'idem-1');
    const [first] = items();
    await sut.upsert(contact(), 'idem-1');

    expect(items()).toEqual([first]);
  });

  it('updates the one item with a correction', async () => {
    const { sut, items } = setup();
    await sut.upsert(contact(), 'idem-1');

    await sut.upsert(contact({ revision: 2, fields: { Title: 'Guidance contact', Topic: 'work', Minutes: 45, Interpreter: true } }), 'idem-2');

    expect(items()).toHaveLength(1);
    expect(items()[0]?.fields).toEqual({ Title: 'Guidance contact', Topic: 'work', Minutes: 45, Interpreter: true, ContactKey: 'c-1', NeuvoRevision: 2 });
  });

  it('keeps the correction when a late retry of the older revision arrives', async () => {
    const { sut, fields } = setup();
    await sut.upsert(contact(), 'idem-1');
    await sut.upsert(contact({ revision: 2, fields: { Topic: 'work' } }), 'idem-2');

    await sut.upsert(contact({ revision: 1, fields: { Topic: 'housing' } }), 'idem-1');

    expect(fields()).toEqual([expect.objectContaining({ Topic: 'work', NeuvoRevision: 2 })]);
  });

  it('leaves one item when the create took effect but its answer was lost, and the outbox retries', async () => {
    const { sut, listId, fields } = setup();
    simulator.failNext(1, { status: 504, match: new RegExp(`^POST .*/lists/${listId}/items$`), applied: true });

    const lost = await failure(sut.upsert(contact(), 'idem-1'));
    expect(lost).toMatchObject({ reason: 'unavailable', permanent: false });
    expect(fields()).toHaveLength(1);

    await sut.upsert(contact(), 'idem-1');

    expect(fields()).toEqual([expect.objectContaining({ ContactKey: 'c-1', NeuvoRevision: 1 })]);
  });

  it('finds keys with quotes and URL characters', async () => {
    const { sut, fields } = setup();
    const key = "O'Brien & Sons #1 + 50%";

    await sut.upsert(contact({ contactKey: key }), 'idem-1');
    await sut.upsert(contact({ contactKey: key, revision: 2, fields: { Topic: 'work' } }), 'idem-2');

    expect(fields()).toEqual([expect.objectContaining({ Topic: 'work', ContactKey: key, NeuvoRevision: 2 })]);
    await sut.delete(key, 'idem-3');
    expect(fields()).toEqual([]);
  });

  it('updates the newest of two items with the key and leaves the other', async () => {
    const { sut, fields, createByHand } = setup();
    await createByHand({ ContactKey: 'c-1', NeuvoRevision: 3, Topic: 'newest' });
    await createByHand({ ContactKey: 'c-1', Topic: 'typed by hand' });

    await sut.upsert(contact({ revision: 4, fields: { Topic: 'work' } }), 'idem-4');

    expect(fields()).toEqual([
      { ContactKey: 'c-1', NeuvoRevision: 4, Topic: 'work' },
      { ContactKey: 'c-1', Topic: 'typed by hand' },
    ]);
  });

  it('replaces an item made by hand without a revision', async () => {
    const { sut, fields, createByHand } = setup();
    await createByHand({ ContactKey: 'c-1', Topic: 'typed by hand' });

    await sut.upsert(contact({ fields: { Topic: 'housing' } }), 'idem-1');

    expect(fields()).toEqual([{ ContactKey: 'c-1', NeuvoRevision: 1, Topic: 'housing' }]);
  });

  it('keeps the key and revision columns even when the mapping names them', async () => {
    const { sut, fields } = setup();

    await sut.upsert(contact({ fields: { ContactKey: 'other', NeuvoRevision: 99 } }), 'idem-1');

    expect(fields()).toEqual([{ ContactKey: 'c-1', NeuvoRevision: 1 }]);
  });
});

describe('GraphListRegisterSink.delete', () => {
  it('deletes the item', async () => {
    const { sut, fields } = setup();
    await sut.upsert(contact(), 'idem-1');
    await sut.upsert(contact({ contactKey: 'c-2' }), 'idem-2');

    await sut.delete('c-1', 'idem-3');

    expect(fields()).toEqual([expect.objectContaining({ ContactKey: 'c-2' })]);
  });

  it('resolves when there is nothing to delete, also when repeated', async () => {
    const { sut, items } = setup();

    await expect(sut.delete('c-missing', 'idem-1')).resolves.toBeUndefined();
    await expect(sut.delete('c-missing', 'idem-1')).resolves.toBeUndefined();
    expect(items()).toEqual([]);
  });

  it('counts an item deleted between the lookup and the delete as deleted', async () => {
    const { sut, listId, items } = setup();
    await sut.upsert(contact(), 'idem-1');
    simulator.failNext(1, { status: 404, code: 'itemNotFound', match: new RegExp(`^DELETE .*/lists/${listId}/items/`) });

    await expect(sut.delete('c-1', 'idem-2')).resolves.toBeUndefined();
    expect(items()).toHaveLength(1);
  });

  it('deletes every item with the key, a hand-made duplicate too (erasure)', async () => {
    const { sut, fields, createByHand } = setup();
    for (let i = 0; i < 3; i += 1) await createByHand({ ContactKey: 'c-1', Note: `copy ${i}` });
    await createByHand({ ContactKey: 'c-2' });

    await sut.delete('c-1', 'idem-1');

    expect(fields()).toEqual([{ ContactKey: 'c-2' }]);
  });
});

describe('GraphListRegisterSink failures', () => {
  it('reports a throttled lookup with Retry-After and no personal data', async () => {
    const { sut, listId } = setup();
    simulator.failNext(1, { status: 429, retryAfterSec: 5, match: new RegExp(`^GET .*/lists/${listId}/items$`) });

    const error = await failure(sut.upsert(contact({ contactKey: "O'Brien" }), 'idem-1'));

    expect(error).toMatchObject({ reason: 'throttled', status: 429, retryAfterMs: 5000, permanent: false });
    expect(error.message).toBe('Graph listItems/lookup answered 429 TooManyRequests.');
  });

  it('reports a 503 as retryable', async () => {
    const { sut, listId } = setup();
    simulator.failNext(1, { status: 503, match: `/lists/${listId}/items` });

    const error = await failure(sut.delete('c-1', 'idem-1'));

    expect(error).toMatchObject({ reason: 'unavailable', status: 503, permanent: false });
  });

  it('reports a 403 on the write as permanent and writes nothing', async () => {
    const { sut, listId, items } = setup();
    simulator.failNext(1, { status: 403, code: 'accessDenied', match: new RegExp(`^POST .*/lists/${listId}/items$`) });

    const error = await failure(sut.upsert(contact(), 'idem-1'));

    expect(error).toMatchObject({ reason: 'forbidden', status: 403, permanent: true });
    expect(items()).toEqual([]);
  });

  it('refuses a column name that could change the filter', () => {
    expect(() => new GraphListRegisterSink(client, { siteId: SITE, listId: 'x', keyColumn: "Key eq 'a' or true" })).toThrow(/internal name/);
  });
});

describe('Graph simulator: list items', () => {
  const filterByKey = (listId: string, prefer?: string) => {
    const request = client.api(`/sites/${encodeURIComponent(SITE)}/lists/${listId}/items`).filter("fields/ContactKey eq 'c-1'").expand('fields');
    return (prefer ? request.header('Prefer', prefer) : request).get() as Promise<{ '@odata.context': string; value: ListItem[] }>;
  };

  it('refuses a filter on a column that is not indexed without the Prefer header, like SharePoint', async () => {
    const { listId } = setup();

    const error = await filterByKey(listId).then(() => undefined, (e: unknown) => e);

    expect(error).toBeInstanceOf(SdkGraphError);
    expect(error).toMatchObject({ statusCode: 400, code: 'invalidRequest' });
    expect((error as Error).message).toContain('HonorNonIndexedQueriesWarningMayFailRandomly');
  });

  it('filters an indexed column without the header and answers Graph shapes', async () => {
    const { sut, listId } = setup();
    await sut.upsert(contact(), 'idem-1');
    simulator.markColumnIndexed(SITE, listId, 'ContactKey');

    const page = await filterByKey(listId);

    expect(page['@odata.context']).toContain(`lists('${listId}')/items`);
    expect(page.value).toEqual([expect.objectContaining({ id: '1', fields: expect.objectContaining({ id: '1', ContactKey: 'c-1', '@odata.etag': expect.any(String) }) })]);
  });

  it('answers GET, PATCH fields and DELETE of one item, and 404 once it is gone', async () => {
    const { listId, createByHand } = setup();
    const created = (await createByHand({ ContactKey: 'c-1' })) as ListItem;
    const path = `/sites/${encodeURIComponent(SITE)}/lists/${listId}/items/${created.id ?? ''}`;

    const patched = (await client.api(`${path}/fields`).patch({ Topic: 'work' })) as Record<string, unknown>;
    const read = (await client.api(path).expand('fields').get()) as ListItem;
    await client.api(path).delete();
    const gone = await client.api(path).get().then(() => undefined, (e: unknown) => e);

    expect(patched).toMatchObject({ id: created.id, ContactKey: 'c-1', Topic: 'work' });
    expect(read.fields).toMatchObject({ ContactKey: 'c-1', Topic: 'work' });
    expect(gone).toMatchObject({ statusCode: 404, code: 'itemNotFound' });
  });

  it('refuses filters other than fields/<column> eq', async () => {
    const { listId } = setup();

    const error = await client.api(`/sites/${encodeURIComponent(SITE)}/lists/${listId}/items`).filter("startswith(fields/ContactKey,'c')").get().then(() => undefined, (e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, code: 'invalidRequest' });
  });
});
