import type { Association } from '../../domain/register/association.js';
import { PanelApiError } from '../side-panel/api.js';
import type { ContactJson, DetailsJson, ErrorJson } from '../side-panel/wire.js';
import type { AssociationsJson, AuditTrailJson, ContactDetailJson, CostSharesJson, ErasureAnswerJson, FunderReportJson, MeJson, MunicipalFiguresJson, ReportJson, SessionLogPageJson } from './wire.js';

export { PanelApiError as TabApiError };

/** The session log's filters as the page keeps them: '' = no filter (never sent). */
export interface SessionLogFilters {
  readonly municipality: string;
  readonly adviser: string;
  readonly from: string;
  readonly to: string;
  readonly topic: string;
  readonly language: string;
  readonly channel: string;
  readonly outcome: string;
  /** '' | 'true' | 'false' */
  readonly noShow: string;
  readonly q: string;
}

export const NO_FILTERS: SessionLogFilters = { municipality: '', adviser: '', from: '', to: '', topic: '', language: '', channel: '', outcome: '', noShow: '', q: '' };

/**
 * The query string of the filters: only the ones set, trimmed; the server refuses an empty or
 * malformed parameter (400) rather than ignoring it, so nothing empty may be sent.
 */
export function filterQuery(filters: SessionLogFilters, extra: Readonly<Record<string, string>> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters) as [keyof SessionLogFilters, string][]) {
    const trimmed = value.trim();
    if (trimmed !== '') params.set(key, trimmed);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** A file the server sent for download: its bytes and the name it suggested. */
export interface Download {
  readonly blob: Blob;
  readonly filename: string;
}

/** An association as the coordinator edits it (the id comes from the path when editing). */
export type AssociationInput = Omit<Association, 'id'>;

export interface FigureInput {
  readonly code: string;
  readonly contactTarget: number | null;
  readonly foreignResidents: number | null;
}

export interface TabApi {
  me(): Promise<MeJson>;
  sessionLog(filters: SessionLogFilters, after: string | null): Promise<SessionLogPageJson>;
  exportSessionLog(filters: SessionLogFilters): Promise<Download>;
  contact(contactId: string): Promise<ContactDetailJson>;
  correctContact(contactId: string, expectedRevision: number, reason: string, details: DetailsJson): Promise<ContactJson>;
  /** The side panel's form also logs; the tab never does (it has no booking to log against). */
  logContact(bookingId: string, details: DetailsJson): Promise<ContactJson>;
  report(year: number, municipality: string): Promise<ReportJson>;
  funderReport(from: string, to: string): Promise<FunderReportJson>;
  funderCsv(from: string, to: string): Promise<Download>;
  costShares(year: number, total: number): Promise<CostSharesJson>;
  figures(year: number): Promise<MunicipalFiguresJson>;
  saveFigures(year: number, figures: readonly FigureInput[]): Promise<MunicipalFiguresJson>;
  associations(): Promise<AssociationsJson>;
  addAssociation(input: AssociationInput): Promise<unknown>;
  updateAssociation(id: string, input: AssociationInput): Promise<unknown>;
  /** A client's audit trail, a page at a time (coordinators; every page read is itself audited). */
  clientAudit(clientId: string, before: string | null): Promise<AuditTrailJson>;
  /** Everything about a client as the server's JSON file (coordinators; audited as `client.export`). */
  exportClient(clientId: string): Promise<Download>;
  /** Records the client's erasure request and erases what the law allows (coordinators; audited as `client.erase`). */
  eraseClient(clientId: string): Promise<ErasureAnswerJson>;
}

/** Rows per page of the audit view. */
export const AUDIT_PAGE_SIZE = 50;

/** The API client of the advisers' tab: every call carries a fresh SSO token and the Teams locale. */
export function createTabApi(getToken: () => Promise<string>, locale: string): TabApi {
  async function send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${await getToken()}`, 'accept-language': locale };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(path, { method, headers, credentials: 'omit', cache: 'no-store', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    } catch {
      throw new PanelApiError(0, undefined);
    }
    if (!res.ok) {
      const json = (await res.json().catch(() => undefined)) as unknown;
      throw new PanelApiError(res.status, isErrorJson(json) ? json : undefined);
    }
    return res;
  }
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await send(method, path, body);
    return (await res.json()) as T;
  }
  /** A file the server built (CSV, JSON): fetched with the token (a plain link could not carry it), kept as a Blob. */
  async function download(path: string, fallbackName: string): Promise<Download> {
    const res = await send('GET', path);
    const disposition = res.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
    return { blob: await res.blob(), filename };
  }
  const id = encodeURIComponent;
  return {
    me: () => call('GET', '/api/tab/me'),
    sessionLog: (filters, after) => call('GET', `/api/tab/session-log${filterQuery(filters, after ? { after } : {})}`),
    exportSessionLog: (filters) => download(`/api/tab/session-log/export.csv${filterQuery(filters)}`, 'neuvo-session-log.csv'),
    contact: (contactId) => call('GET', `/api/tab/session-log/${id(contactId)}`),
    correctContact: async (contactId, expectedRevision, reason, details) => (await call<{ contact: ContactJson }>('PUT', `/api/tab/session-log/${id(contactId)}`, { expectedRevision, reason, details })).contact,
    logContact: () => Promise.reject(new PanelApiError(405, undefined)),
    report: (year, municipality) => call('GET', `/api/tab/reports?year=${year}${municipality ? `&municipality=${id(municipality)}` : ''}`),
    funderReport: (from, to) => call('GET', `/api/tab/reports/funder?from=${id(from)}&to=${id(to)}`),
    funderCsv: (from, to) => download(`/api/tab/reports/funder.csv?from=${id(from)}&to=${id(to)}`, 'neuvo-funder-report.csv'),
    costShares: (year, total) => call('GET', `/api/tab/cost-shares?year=${year}&total=${total}`),
    figures: (year) => call('GET', `/api/tab/municipal-figures?year=${year}`),
    saveFigures: (year, figures) => call('PUT', `/api/tab/municipal-figures?year=${year}`, { figures }),
    associations: () => call('GET', '/api/tab/associations'),
    addAssociation: (input) => call('POST', '/api/tab/associations', input),
    updateAssociation: (associationId, input) => call('PUT', `/api/tab/associations/${id(associationId)}`, input),
    clientAudit: (clientId, before) => call('GET', `/api/tab/clients/${id(clientId)}/audit?limit=${AUDIT_PAGE_SIZE}${before ? `&before=${id(before)}` : ''}`),
    exportClient: (clientId) => download(`/api/tab/clients/${id(clientId)}/export`, 'neuvo-client.json'),
    eraseClient: (clientId) => call('POST', `/api/tab/clients/${id(clientId)}/erasure`, { confirm: 'erase' }),
  };
}

function isErrorJson(value: unknown): value is ErrorJson {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** Hands a downloaded file to the browser as a download (an object URL, released right after). */
export function saveDownload({ blob, filename }: Download): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The message to show for a failure: the server's localized one, else the page's "not reached". */
export function failureMessage(failure: unknown, networkText: string): string {
  return failure instanceof PanelApiError && failure.body !== undefined ? failure.message : networkText;
}
