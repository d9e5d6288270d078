import type { ContactJson, DetailsJson, ErrorJson, PanelJson } from './wire.js';

/** An answer other than success: the server's code and localized message (or a network failure). */
export class PanelApiError extends Error {
  override readonly name = 'PanelApiError';
  constructor(
    readonly status: number,
    readonly body: ErrorJson | undefined,
  ) {
    super(body?.error.message ?? `HTTP ${status}`);
  }
  get code(): string {
    return this.body?.error.code ?? (this.status === 0 ? 'network' : 'unknown');
  }
}

export interface PanelApi {
  panel(chatId: string): Promise<PanelJson>;
  logContact(bookingId: string, details: DetailsJson): Promise<ContactJson>;
  correctContact(contactId: string, expectedRevision: number, reason: string, details: DetailsJson): Promise<ContactJson>;
}

/** The API client: every call carries a fresh SSO token and the Teams locale (for the messages). */
export function createPanelApi(getToken: () => Promise<string>, locale: string): PanelApi {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${await getToken()}`, 'accept-language': locale };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(path, { method, headers, credentials: 'omit', cache: 'no-store', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    } catch {
      throw new PanelApiError(0, undefined);
    }
    const json = (await res.json().catch(() => undefined)) as unknown;
    if (!res.ok) throw new PanelApiError(res.status, isErrorJson(json) ? json : undefined);
    return json as T;
  }
  return {
    panel: async (chatId) => (await call<{ panel: PanelJson }>('GET', `/api/tab/meeting-panel?chatId=${encodeURIComponent(chatId)}`)).panel,
    logContact: async (bookingId, details) => (await call<{ contact: ContactJson }>('POST', '/api/tab/contacts', { bookingId, details })).contact,
    correctContact: async (contactId, expectedRevision, reason, details) =>
      (await call<{ contact: ContactJson }>('PUT', `/api/tab/contacts/${encodeURIComponent(contactId)}`, { expectedRevision, reason, details })).contact,
  };
}

function isErrorJson(value: unknown): value is ErrorJson {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}
