import type { Association } from '../../domain/register/association.js';
import type { Contact, ContactRevision } from '../../domain/register/contact.js';
import type { FormDefinition } from '../../domain/register/form-definition.js';
import type { Wire } from '../side-panel/wire.js';

/**
 * The advisers' tab (issue 6): what its pages and the server's /api/tab/* routes exchange, in
 * JSON. The server builds these shapes (src/adapters/http/session-log-api.ts, reports-api.ts);
 * the pages (src/tab/advisers/) read them. Every route takes the Teams SSO bearer token and
 * `Accept-Language` (fi, sv, en), answers `no-store` + `nosniff`, and errors as
 * `{ error: { code, message } }` (ErrorJson of the side panel) with a localized message.
 *
 * Who sees what comes from our `staff` table only: an adviser sees the municipalities they belong
 * to or serve (schedules' adviser profiles), a coordinator sees all; anyone else gets 403
 * `forbidden` on every route (and a `denied` audit row). A single record outside the caller's
 * municipalities is 404 `not_found` (and a `denied` audit row), the same as one that does not exist.
 */

// ── GET /api/tab/me ───────────────────────────────────────────────────────────────────────────
/** Who is signed in, and what the filters may offer them. */
export interface MeJson {
  readonly displayName: string;
  readonly roles: readonly string[];
  /** The municipalities this person may see, by name (Finnish names as stored). */
  readonly municipalities: readonly { readonly code: string; readonly name: string }[];
  /** Advisers of those municipalities, for the adviser filter. */
  readonly advisers: readonly { readonly id: string; readonly displayName: string }[];
  /** The contact-log form in force: codes and fi/sv/en labels of channels, topics, outcomes, … */
  readonly form: FormDefinition;
  readonly isCoordinator: boolean;
}

// ── GET /api/tab/session-log?… ───────────────────────────────────────────────────────────────
/**
 * Query parameters, all optional: `municipality` (code), `adviser` (staff id), `from` / `to`
 * (Helsinki calendar dates YYYY-MM-DD, inclusive), `topic`, `language`, `channel`, `outcome`
 * (codes), `noShow` (`true` | `false`), `q` (text search in notes and the client's name, 2–100
 * characters), `limit` (1–100, default 50), `after` (the `next` cursor of the previous page).
 * Newest first (`startedAt` desc, then id). A bad parameter is 400 `bad_request`.
 */
export interface SessionLogPageJson {
  readonly rows: readonly SessionLogRowJson[];
  /** Opaque keyset cursor for the next page; null on the last page. */
  readonly next: string | null;
}

export interface SessionLogRowJson {
  readonly contactId: string;
  readonly startedAt: string;
  readonly durationMinutes: number;
  readonly municipalityCode: string;
  readonly adviser: { readonly id: string; readonly displayName: string };
  readonly client: { readonly id: string; readonly displayName: string };
  readonly channel: string;
  readonly language: string;
  readonly interpreterUsed: boolean;
  readonly topics: readonly string[];
  readonly outcome: string;
  /** The booking's meeting was marked a no-show (meeting events); false without a booking. */
  readonly noShow: boolean;
  readonly revision: number;
}

// ── GET /api/tab/session-log/export.csv?… (same filters, no limit/after) ──────────────────────
// text/csv; charset=utf-8, with a BOM (Excel), `;`-separated, a header row in the caller's
// language, a `content-disposition: attachment; filename="neuvo-session-log-YYYY-MM-DD.csv"`.
// Cells starting with = + - @ are prefixed with ' (no formulas). At most 50,000 rows (then 413
// `too_many_rows`, asking to narrow the filter). Audited as one export row per client listed.

// ── GET /api/tab/session-log/:contactId ──────────────────────────────────────────────────────
export interface ContactDetailJson {
  readonly contact: Wire<Contact>;
  readonly client: { readonly id: string; readonly displayName: string };
  readonly adviser: { readonly id: string; readonly displayName: string };
  readonly noShow: boolean;
  /** Every version, oldest first, with who changed it (display name) and why. */
  readonly history: readonly (Wire<ContactRevision> & { readonly changedByName: string })[];
  /** The form the correction is validated against (the one in force). */
  readonly form: FormDefinition;
  readonly associations: readonly Association[];
}

// ── PUT /api/tab/session-log/:contactId ─────────────────────────────────────────────────────
// Body: CorrectContactJson of src/adapters/shared/contact-input.ts ({ expectedRevision, reason,
// details }). 200 { contact }; 400 invalid (fields) / reason_required; 409 stale { contact };
// 404. Audited with channel `tab`; the new revision goes to the registers through the outbox.

// ── GET /api/tab/reports?year=YYYY[&municipality=code] ───────────────────────────────────────
export interface ReportJson {
  readonly year: number;
  readonly municipalities: readonly {
    readonly code: string;
    readonly name: string;
    /** Contacts per month, index 0 = January (Helsinki time). */
    readonly months: readonly number[];
    readonly total: number;
    /** The year's target from the municipal figures; null when none is set. */
    readonly target: number | null;
  }[];
  /** Counts over the same contacts: code → count, most first. */
  readonly languages: readonly CountJson[];
  readonly topics: readonly CountJson[];
  readonly channels: readonly CountJson[];
  readonly outcomes: readonly CountJson[];
  /** Booked meetings with a meeting session: how many, and how many were no-shows. */
  readonly meetings: { readonly held: number; readonly noShows: number };
  readonly interpreterUsed: number;
  readonly contacts: number;
  /** Referrals: to authorities by code, to associations by id (with the name). */
  readonly referralsToAuthorities: readonly CountJson[];
  readonly referralsToAssociations: readonly (CountJson & { readonly name: string })[];
  /** The expert channel ("call a friend", issue 5); null until it records questions. */
  readonly expertChannel: { readonly questions: number; readonly medianMinutesToClaim: number | null; readonly medianMinutesToAnswer: number | null } | null;
}

export interface CountJson {
  readonly code: string;
  readonly count: number;
}

// ── GET /api/tab/reports/funder?from=YYYY-MM&to=YYYY-MM  and  …/funder.csv ──────────────────
/** One period's figures in the ministry's shape; counts under 5 are null ("< 5") in this view and the CSV. */
export interface FunderReportJson {
  readonly from: string;
  readonly to: string;
  readonly rows: readonly { readonly section: string; readonly item: string; readonly municipalityCode: string | null; readonly count: number | null }[];
}

// ── GET /api/tab/cost-shares?year=YYYY&total=EUR ────────────────────────────────────────────
export interface CostSharesJson {
  readonly year: number;
  readonly total: number;
  /** 70 % of the total. */
  readonly state: number;
  readonly municipalitiesTotal: number;
  readonly shares: readonly { readonly code: string; readonly name: string; readonly foreignResidents: number; readonly percent: number; readonly amount: number }[];
}

// ── GET / PUT /api/tab/municipal-figures?year=YYYY (PUT: coordinators) ──────────────────────
export interface MunicipalFiguresJson {
  readonly year: number;
  readonly figures: readonly { readonly code: string; readonly name: string; readonly contactTarget: number | null; readonly foreignResidents: number | null }[];
}

// ── GET /api/tab/associations, POST (coordinators), PUT /api/tab/associations/:id (coordinators)
export interface AssociationsJson {
  readonly associations: readonly (Association & { readonly referrals: number })[];
}

// ── GET /api/tab/clients/:clientId/audit?limit=1-500&before=<next> (coordinators) ───────────
/**
 * A client's audit trail, newest first (issue 7). Reading a page writes an `audit.read` row. A
 * caller who is not a coordinator, and a client that does not exist, get the same 404.
 */
export interface AuditTrailJson {
  readonly rows: readonly AuditTrailRowJson[];
  /** The `before` of the next (older) page; null on the last page. */
  readonly next: string | null;
}

export interface AuditTrailRowJson {
  readonly at: string;
  /** Staff by display name; anyone else by kind and id (`system:register`, `public:…`, a client's Teams id). */
  readonly actor: { readonly kind: 'staff'; readonly displayName: string } | { readonly kind: 'client' | 'system' | 'public'; readonly id: string };
  /** Dotted verb: `client.read`, `contact.update`, `contact.disclose`, `mail.confirmation.send`, … */
  readonly action: string;
  /** Names of the personal-data fields involved, never their values. */
  readonly fields: readonly string[];
  readonly channel: string;
  /** `ok`, `denied`, `invalid` or `error`. */
  readonly outcome: string;
}

// ── GET /api/tab/clients/:clientId/export (coordinators) ────────────────────────────────────
// application/json; charset=utf-8, `content-disposition: attachment; filename="neuvo-client-<id>.json"`:
// everything Neuvo holds about the client (src/use-cases/privacy/client-data.ts). Written as one
// `client.export` audit row listing the sections. Not a coordinator / no such client → 404.

// ── POST /api/tab/clients/:clientId/erasure (coordinators) ──────────────────────────────────
// Body `{ "confirm": "erase" }` (400 confirm_needed without it). 200 { erasure, message }: the
// recorded request (src/use-cases/privacy/erase-client-data.ts) and what happened, in the
// caller's language. Not a coordinator / no such client → 404.
export interface ErasureAnswerJson {
  readonly erasure: {
    readonly id: string;
    readonly clientId: string;
    readonly requestedAt: string;
    /** `erased`: nothing left; `partly_erased`: the register keeps the contacts; `refused`: an appointment is ahead. */
    readonly outcome: 'erased' | 'partly_erased' | 'refused';
    readonly erased: readonly string[];
    readonly kept: readonly string[];
    readonly keptReason: string | null;
    /** Helsinki date "YYYY-MM-DD" the kept data leaves by the retention purge. */
    readonly keptUntil: string | null;
  };
  readonly message: string;
}
