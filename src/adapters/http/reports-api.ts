import { randomUUID } from 'node:crypto';
import type { Request, Server } from 'restify';
import { z } from 'zod';
import { parseEuros } from '../../domain/reports/cost-shares.js';
import type { FunderRow } from '../../domain/reports/funder-report.js';
import { isReportYear } from '../../domain/reports/report-period.js';
import { suppressedCell } from '../../domain/reports/suppression.js';
import { optionLabel, type ContactChoiceField, type FormDefinition, type LabelLanguage } from '../../domain/register/form-definition.js';
import { staffText, type StaffLanguage, type StaffMessageKey } from '../../i18n/staff/index.js';
import type { AssociationsJson, CostSharesJson, FunderReportJson, MunicipalFiguresJson, ReportJson } from '../../tab/advisers/wire.js';
import type { UnitOfWork } from '../../use-cases/ports/repositories.js';
import type { ReportReader } from '../../use-cases/ports/reports.js';
import { currentContactForm } from '../../use-cases/register/contact-form.js';
import { createAssociation, listAssociations, updateAssociation, type AssociationInput, type SaveAssociationResult } from '../../use-cases/reports/associations.js';
import { getCostShares } from '../../use-cases/reports/get-cost-shares.js';
import { getFunderReport, type FunderReport } from '../../use-cases/reports/get-funder-report.js';
import { getYearReport } from '../../use-cases/reports/get-year-report.js';
import { getMunicipalFigures, MAX_FIGURE, saveMunicipalFigures } from '../../use-cases/reports/municipal-figures.js';
import type { ReportRefusal } from '../../use-cases/reports/report-access.js';
import { readJsonBody } from './server.js';
import { csvDocument } from './session-log-csv.js';
import { MAX_TAB_BODY_BYTES } from './tab-api.js';
import { singleQueryParams, tabError, tabErrorBody, tabRoute, type TabAnswer, type TabRouteDeps } from './tab-route.js';

export interface ReportsApiDeps extends TabRouteDeps {
  readonly uow: UnitOfWork;
  readonly reports: ReportReader;
  /** A new association's id; randomUUID unless a test fixes it. */
  readonly newId?: () => string;
}

/** The figures of every municipality, or an association with the longest texts, fit easily. */

const MunicipalityCode = z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/);
const Figure = z.number().int().min(0).max(MAX_FIGURE).nullable();
const FiguresJson = z.object({ figures: z.array(z.object({ code: MunicipalityCode, contactTarget: Figure, foreignResidents: Figure }).strict()).min(1).max(100) }).strict();

/**
 * An association as the coordinator sends it. Texts are trimmed and stored literally: the pages
 * render them as text (React escapes), never as HTML, so `<script>` in a name is just a name.
 */
const AssociationJson = z
  .object({
    name: z.string().trim().min(1).max(120),
    municipalityCode: MunicipalityCode,
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).max(20).transform((codes) => [...new Set(codes)]),
    activities: z.string().trim().max(1000),
    contactInfo: z.string().trim().max(500),
    active: z.boolean(),
  })
  .strict();
type AssociationField = keyof z.input<typeof AssociationJson>;
const ASSOCIATION_FIELDS: readonly AssociationField[] = ['name', 'municipalityCode', 'languages', 'activities', 'contactInfo', 'active'];
const AssociationId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

function yearOf(query: Record<string, string> | undefined): number | undefined {
  const text = query?.year;
  if (text === undefined || !/^\d{4}$/.test(text)) return undefined;
  const year = Number(text);
  return isReportYear(year) ? year : undefined;
}

const refused = (lang: StaffLanguage, reason: ReportRefusal, change = false): TabAnswer =>
  tabError(403, 'forbidden', lang, reason === 'forbidden_municipality' ? 'reports.error.municipalityForbidden' : change ? 'reports.error.coordinatorOnly' : 'reports.error.forbidden');
const badYear = (lang: StaffLanguage) => tabError(400, 'bad_request', lang, 'reports.error.badYear');

/**
 * The advisers' tab's reports (issue 6), as src/tab/advisers/wire.ts specifies them:
 * `GET /api/tab/reports`, `GET /api/tab/reports/funder` and `…/funder.csv`, `GET /api/tab/cost-shares`,
 * `GET|PUT /api/tab/municipal-figures`, `GET|POST /api/tab/associations`, `PUT /api/tab/associations/:id`.
 * Audit channel `tab`. Who sees or changes what is the use cases' decision (src/use-cases/reports);
 * this layer parses, maps results to statuses and writes the CSV. A malformed request is refused
 * before the use case runs, so it writes nothing.
 */
export function registerReportsApi(server: Server, deps: ReportsApiDeps): void {
  const route = tabRoute(deps, 'tab');
  const useCaseDeps = { uow: deps.uow, reports: deps.reports, clock: deps.clock };
  const newId = deps.newId ?? randomUUID;

  server.get('/api/tab/reports', route(async (req, actor, lang) => {
    const query = singleQueryParams(req);
    const year = yearOf(query);
    if (year === undefined) return badYear(lang);
    const { year: _year, municipality, ...rest } = query ?? {};
    if (Object.keys(rest).length > 0 || (municipality !== undefined && !MunicipalityCode.safeParse(municipality).success)) return tabError(400, 'bad_request', lang, 'reports.error.badYear');
    const result = await getYearReport(useCaseDeps, actor, { year, ...(municipality !== undefined ? { municipality } : {}) });
    if (!result.ok) return refused(lang, result.reason);
    return { status: 200, body: result.report satisfies ReportJson };
  }));

  const funder = async (req: Request, actor: Parameters<Parameters<typeof route>[0]>[1], lang: StaffLanguage): Promise<FunderReport | TabAnswer> => {
    const query = singleQueryParams(req);
    if (query?.from === undefined || query.to === undefined || Object.keys(query).length !== 2) return tabError(400, 'bad_request', lang, 'reports.error.badPeriod');
    const result = await getFunderReport(useCaseDeps, actor, { from: query.from, to: query.to });
    if (result.ok) return result.report;
    return result.reason === 'bad_period' ? tabError(400, 'bad_request', lang, 'reports.error.badPeriod') : refused(lang, result.reason);
  };

  server.get('/api/tab/reports/funder', route(async (req, actor, lang) => {
    const report = await funder(req, actor, lang);
    return 'status' in report ? report : { status: 200, body: report satisfies FunderReportJson };
  }));

  server.get('/api/tab/reports/funder.csv', route(async (req, actor, lang) => {
    const report = await funder(req, actor, lang);
    if ('status' in report) return report;
    const [form, municipalities] = await Promise.all([currentContactForm(deps.uow), deps.uow.municipalities.list()]);
    const text = funderCsv(report.rows, { lang, form, municipalityNames: new Map(municipalities.map((m) => [m.code, m.name])) });
    return {
      status: 200,
      body: null,
      raw: { contentType: 'text/csv; charset=utf-8', text },
      headers: { 'content-disposition': `attachment; filename="neuvo-funder-report-${report.from}-${report.to}.csv"` },
    };
  }));

  server.get('/api/tab/cost-shares', route(async (req, actor, lang) => {
    const query = singleQueryParams(req);
    const year = yearOf(query);
    if (year === undefined) return badYear(lang);
    const totalCents = parseEuros(query?.total ?? '');
    if (totalCents === undefined || Object.keys(query ?? {}).length !== 2) return tabError(400, 'bad_request', lang, 'reports.error.badTotal');
    const result = await getCostShares(useCaseDeps, actor, { year, totalCents });
    if (result.ok) return { status: 200, body: result.shares satisfies CostSharesJson };
    switch (result.reason) {
      case 'missing_figures':
        return {
          status: 400,
          body: {
            error: { code: 'missing_figures', message: staffText(lang, 'reports.error.missingFigures', { year, municipalities: result.municipalities.map((m) => m.name).join(', ') }) },
            municipalities: result.municipalities.map((m) => m.code),
          },
        };
      case 'no_residents':
        return { status: 400, body: { error: { code: 'no_residents', message: staffText(lang, 'reports.error.noResidents', { year }) } } };
      default:
        return refused(lang, result.reason);
    }
  }));

  server.get('/api/tab/municipal-figures', route(async (req, actor, lang) => {
    const query = singleQueryParams(req);
    const year = yearOf(query);
    if (year === undefined || Object.keys(query ?? {}).length !== 1) return badYear(lang);
    const result = await getMunicipalFigures(useCaseDeps, actor, year);
    return result.ok ? { status: 200, body: result.figures satisfies MunicipalFiguresJson } : refused(lang, result.reason);
  }));

  server.put('/api/tab/municipal-figures', route(async (req, actor, lang) => {
    const query = singleQueryParams(req);
    const year = yearOf(query);
    const body = FiguresJson.safeParse(await readJsonBody(req, MAX_TAB_BODY_BYTES));
    if (year === undefined || Object.keys(query ?? {}).length !== 1) return badYear(lang);
    if (!body.success) return tabError(400, 'invalid', lang, 'reports.error.badFigures');
    const figures = body.data.figures.map((f) => ({ municipalityCode: f.code, contactTarget: f.contactTarget, foreignResidents: f.foreignResidents }));
    const result = await saveMunicipalFigures(useCaseDeps, actor, year, figures);
    if (result.ok) return { status: 200, body: result.figures satisfies MunicipalFiguresJson };
    return result.reason === 'invalid' ? tabError(400, 'invalid', lang, 'reports.error.badFigures') : refused(lang, result.reason, true);
  }));

  server.get('/api/tab/associations', route(async (_req, actor, lang) => {
    const result = await listAssociations(useCaseDeps, actor);
    return result.ok ? { status: 200, body: { associations: result.associations } satisfies AssociationsJson } : refused(lang, result.reason);
  }));

  server.post('/api/tab/associations', route(async (req, actor, lang) => {
    const input = associationInput(await readJsonBody(req, MAX_TAB_BODY_BYTES), lang);
    if ('status' in input) return input;
    return associationAnswer(await createAssociation({ ...useCaseDeps, newId }, actor, input), lang, 201);
  }));

  server.put('/api/tab/associations/:id', route(async (req, actor, lang) => {
    const id = AssociationId.safeParse(req.params?.id);
    const input = associationInput(await readJsonBody(req, MAX_TAB_BODY_BYTES), lang);
    if (!id.success) return tabError(404, 'not_found', lang, 'reports.error.associationNotFound');
    if ('status' in input) return input;
    return associationAnswer(await updateAssociation(useCaseDeps, actor, id.data, input), lang, 200);
  }));
}

/** The body as an association, or 400 with one localized message per field at fault. */
function associationInput(body: unknown, lang: StaffLanguage): AssociationInput | TabAnswer {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return tabError(400, 'bad_request', lang, 'panel.error.badRequest');
  const parsed = AssociationJson.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((issue) => issue.path[0]))].filter((f): f is AssociationField => ASSOCIATION_FIELDS.includes(f as AssociationField));
  // An unknown key (strict) names no field of ours: the body as a whole is wrong.
  if (fields.length === 0) return tabError(400, 'bad_request', lang, 'panel.error.badRequest');
  return invalidAssociation(lang, fields);
}

function invalidAssociation(lang: StaffLanguage, fields: readonly AssociationField[]): TabAnswer {
  const { error } = tabErrorBody('invalid', lang, 'reports.error.invalidAssociation');
  return { status: 400, body: { error: { ...error, fields: fields.map((field) => ({ field, message: staffText(lang, `association.field.${field}`) })) } } };
}

function associationAnswer(result: SaveAssociationResult, lang: StaffLanguage, okStatus: number): TabAnswer {
  if (result.ok) return { status: okStatus, body: { association: result.association } };
  switch (result.reason) {
    case 'unknown_municipality':
      return invalidAssociation(lang, ['municipalityCode']);
    case 'not_found':
      return tabError(404, 'not_found', lang, 'reports.error.associationNotFound');
    default:
      return refused(lang, result.reason, true);
  }
}

/** Where a funder item's label comes from: the form's options, a language's name, or our own texts. */
const ITEM_FIELDS: Partial<Record<FunderRow['section'], ContactChoiceField>> = { channel: 'channel', topic: 'topics', authority_referral: 'authorities' };

/**
 * The funder report as a CSV for Excel ({@link csvDocument}: BOM, `;`, CRLF, formula guard): section, item, municipality, count, with labels in the caller's language
 * and suppressed counts as "< 5".
 */
export function funderCsv(rows: readonly FunderRow[], context: { readonly lang: StaffLanguage; readonly form: FormDefinition; readonly municipalityNames: ReadonlyMap<string, string> }): string {
  const { lang, form } = context;
  const languageNames = new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' });
  const item = (row: FunderRow): string => {
    const field = ITEM_FIELDS[row.section];
    if (field !== undefined) return optionLabel(form, field, row.item, lang as LabelLanguage);
    if (row.section === 'language') return languageNames.of(row.item) ?? row.item;
    return staffText(lang, `reports.item.${row.item}` as StaffMessageKey);
  };
  const header: readonly StaffMessageKey[] = ['reports.csv.section', 'reports.csv.item', 'reports.csv.municipality', 'reports.csv.count'];
  const cells = rows.map((row) => {
    const municipality = row.municipalityCode === null ? staffText(lang, 'reports.csv.allMunicipalities') : (context.municipalityNames.get(row.municipalityCode) ?? row.municipalityCode);
    return [staffText(lang, `reports.section.${row.section}` as StaffMessageKey), item(row), municipality, suppressedCell(row.count)];
  });
  return csvDocument(header.map((key) => staffText(lang, key)), cells);
}
