import type { Intake } from '../../domain/intake/intake.js';
import type { Client } from '../../domain/staff/staff.js';
import type { UnitOfWork } from '../ports/repositories.js';

export interface SubmitIntakeDeps {
  readonly uow: UnitOfWork;
  readonly clock: () => Date;
}

/**
 * Stores a validated intake for the person in the conversation: finds or creates their client row
 * (in the municipality they gave), saves the intake, and records the optional-sharing consent with
 * its purpose and time — all in one transaction, each write audited by field name only.
 * Validation happens before (the card's zod schema); this trusts only the Intake type.
 */
export async function submitIntake(
  deps: SubmitIntakeDeps,
  input: { readonly tenantId: string; readonly entraObjectId: string; readonly intake: Intake },
): Promise<{ readonly client: Client; readonly intakeId: string }> {
  const now = deps.clock();
  return deps.uow.transaction(async (tx) => {
    const audit = (action: string, clientId: string, entityType: string, entityId: string, fields: string[]) =>
      tx.audit.append({ at: now, actorId: input.entraObjectId, actorTenantId: input.tenantId, action, clientId, entityType, entityId, fields, channel: 'bot', outcome: 'ok' });

    let client = await tx.clients.findByEntraId(input.tenantId, input.entraObjectId);
    if (!client) {
      client = await tx.clients.create(
        { municipalityCode: input.intake.municipalityCode, displayName: input.intake.name, preferredLanguage: input.intake.language, entraObjectId: input.entraObjectId, tenantId: input.tenantId },
        now,
      );
      await audit('client.create', client.id, 'client', client.id, ['displayName', 'municipalityCode', 'preferredLanguage']);
    }
    const saved = await tx.intakes.save(client.id, input.intake, now);
    await audit('intake.create', client.id, 'intake', saved.id, ['name', 'municipalityCode', 'language', 'interpreterLanguage', 'topics', 'description', 'contact']);
    await tx.consents.record({ clientId: client.id, purpose: 'share_with_referral_partners', given: input.intake.consent.shareWithReferralPartners, recordedAt: now, recordedBy: 'self' });
    await audit('consent.record', client.id, 'consent', client.id, ['share_with_referral_partners']);
    return { client, intakeId: saved.id };
  });
}
