import type { Association } from '../../domain/register/association.js';
import type { RegisterActor } from '../register/register-access.js';
import { auditReportAction, reportViewer, type ReportRefusal, type ReportsDeps } from './report-access.js';

/** An association as the coordinator writes it (the HTTP layer has checked lengths and formats). */
export type AssociationInput = Omit<Association, 'id'>;

export type AssociationWithReferrals = Association & { readonly referrals: number };

export type ListAssociationsResult = { readonly ok: true; readonly associations: readonly AssociationWithReferrals[] } | { readonly ok: false; readonly reason: ReportRefusal };
export type SaveAssociationResult =
  | { readonly ok: true; readonly association: Association }
  | { readonly ok: false; readonly reason: ReportRefusal | 'not_found' }
  /** The municipality is not one Neuvo serves. */
  | { readonly ok: false; readonly reason: 'unknown_municipality' };

/** The fields an association change names in its audit row (the association's own public details, not a client's). */
const ASSOCIATION_FIELDS = ['name', 'municipalityCode', 'languages', 'activities', 'contactInfo', 'active'] as const;

export interface AssociationDeps extends ReportsDeps {
  /** A new association's id (randomUUID in production). */
  readonly newId: () => string;
}

/**
 * The whole directory, inactive ones too (advisers refer clients across municipalities), each
 * with how many of the caller's municipalities' contacts referred to it.
 */
export async function listAssociations(deps: ReportsDeps, actor: RegisterActor): Promise<ListAssociationsResult> {
  const viewer = await reportViewer(deps, actor, 'association.list');
  if (typeof viewer === 'string') return { ok: false, reason: viewer };
  const [associations, referrals] = await Promise.all([deps.uow.associations.list(), deps.reports.associationReferrals(viewer.municipalities)]);
  return { ok: true, associations: associations.map((a) => ({ ...a, referrals: referrals.get(a.id) ?? 0 })) };
}

/** A new association (coordinators), written with its audit row in one transaction. */
export async function createAssociation(deps: AssociationDeps, actor: RegisterActor, input: AssociationInput): Promise<SaveAssociationResult> {
  const viewer = await reportViewer(deps, actor, 'association.create', { coordinatorOnly: true });
  if (typeof viewer === 'string') return { ok: false, reason: viewer };
  if (!(await deps.uow.municipalities.get(input.municipalityCode))) return { ok: false, reason: 'unknown_municipality' };
  const association: Association = { ...input, id: deps.newId() };
  await write(deps, actor, 'association.create', association);
  return { ok: true, association };
}

/** Replaces an association's details (coordinators); 404 when there is none with that id. */
export async function updateAssociation(deps: ReportsDeps, actor: RegisterActor, id: string, input: AssociationInput): Promise<SaveAssociationResult> {
  const viewer = await reportViewer(deps, actor, 'association.update', { coordinatorOnly: true });
  if (typeof viewer === 'string') return { ok: false, reason: viewer };
  if (!(await deps.uow.associations.get(id))) return { ok: false, reason: 'not_found' };
  if (!(await deps.uow.municipalities.get(input.municipalityCode))) return { ok: false, reason: 'unknown_municipality' };
  const association: Association = { ...input, id };
  await write(deps, actor, 'association.update', association);
  return { ok: true, association };
}

async function write(deps: ReportsDeps, actor: RegisterActor, action: string, association: Association): Promise<void> {
  await deps.uow.transaction(async (tx) => {
    await tx.associations.upsert(association);
    await auditReportAction(tx.audit, deps.clock(), actor, action, { entityType: 'association', entityId: association.id, fields: ASSOCIATION_FIELDS });
  });
}
