import type { AuditChannel } from '../../domain/audit/audit-entry.js';
import type { Intake } from '../../domain/intake/intake.js';
import type { Client } from '../../domain/staff/staff.js';
import type { Repositories, UnitOfWork } from '../ports/repositories.js';
import { hashToken } from '../token-hash.js';

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
  const actor = { id: input.entraObjectId, tenantId: input.tenantId, channel: 'bot' } as const;
  return deps.uow.transaction(async (tx) => {
    let client = await tx.clients.findByEntraId(input.tenantId, input.entraObjectId);
    client ??= await createClient(tx, input.intake, actor, now, { entraObjectId: input.entraObjectId, tenantId: input.tenantId });
    const intakeId = await storeIntake(tx, client.id, input.intake, actor, now);
    return { client, intakeId };
  });
}

/** How long a public booking page session lives: enough to choose a time and change it once. */
export const PUBLIC_SESSION_TTL_MS = 2 * 60 * 60 * 1000;

export interface SubmitPublicIntakeDeps extends SubmitIntakeDeps {
  /** A new unguessable bearer token (≥ 128 bits of randomness), e.g. 32 random bytes base64url. */
  readonly newSessionToken: () => string;
}

/**
 * The public booking page's intake: someone without Teams has no identity we can check, so every
 * submit makes a NEW client row (we never match a page visitor to an existing client by name or
 * e-mail: that would let anyone read another person's bookings). The client then acts through a
 * session whose token only the page holds; the database keeps its SHA-256. One transaction: the
 * client, the intake, the consent record, the session and their audit rows.
 */
export async function submitPublicIntake(
  deps: SubmitPublicIntakeDeps,
  input: { readonly intake: Intake },
): Promise<{ readonly client: Client; readonly intakeId: string; readonly sessionToken: string; readonly actorId: string }> {
  const now = deps.clock();
  const sessionToken = deps.newSessionToken();
  const tokenHash = hashSessionToken(sessionToken);
  const actor = { id: publicActorId(tokenHash), tenantId: null, channel: 'public' } as const;
  return deps.uow.transaction(async (tx) => {
    const client = await createClient(tx, input.intake, actor, now, {});
    const intakeId = await storeIntake(tx, client.id, input.intake, actor, now);
    await tx.publicSessions.create(tokenHash, client.id, now, new Date(now.getTime() + PUBLIC_SESSION_TTL_MS));
    return { client, intakeId, sessionToken, actorId: actor.id };
  });
}

/** The stored form of a session token. */
export const hashSessionToken = hashToken;

/**
 * The audit actor of a page session: a prefix of the token hash, so audit rows of one visit can be
 * told apart and joined to the session row, while the token itself is never written anywhere.
 */
export function publicActorId(tokenHash: string): string {
  return `public:${tokenHash.slice(0, 16)}`;
}

interface Actor {
  readonly id: string;
  readonly tenantId: string | null;
  readonly channel: AuditChannel;
}

async function createClient(tx: Repositories, intake: Intake, actor: Actor, now: Date, identity: { entraObjectId?: string; tenantId?: string }): Promise<Client> {
  const client = await tx.clients.create({ municipalityCode: intake.municipalityCode, displayName: intake.name, preferredLanguage: intake.language, ...identity }, now);
  await audit(tx, actor, now, 'client.create', client.id, 'client', client.id, ['displayName', 'municipalityCode', 'preferredLanguage']);
  return client;
}

async function storeIntake(tx: Repositories, clientId: string, intake: Intake, actor: Actor, now: Date): Promise<string> {
  const saved = await tx.intakes.save(clientId, intake, now);
  await audit(tx, actor, now, 'intake.create', clientId, 'intake', saved.id, ['name', 'municipalityCode', 'language', 'interpreterLanguage', 'topics', 'description', 'contact']);
  await tx.consents.record({ clientId, purpose: 'share_with_referral_partners', given: intake.consent.shareWithReferralPartners, recordedAt: now, recordedBy: 'self' });
  await audit(tx, actor, now, 'consent.record', clientId, 'consent', clientId, ['share_with_referral_partners']);
  return saved.id;
}

function audit(tx: Repositories, actor: Actor, now: Date, action: string, clientId: string, entityType: string, entityId: string, fields: string[]): Promise<void> {
  return tx.audit.append({ at: now, actorId: actor.id, actorTenantId: actor.tenantId, action, clientId, entityType, entityId, fields, channel: actor.channel, outcome: 'ok' });
}
