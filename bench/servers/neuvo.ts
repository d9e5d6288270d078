import { randomBytes } from 'node:crypto';
import { conversationKey } from '../../src/adapters/teams/card-action-tokens.js';
import { ACTION_TOKEN_POLICIES } from '../../src/cards/action-token-policy.js';
import { BOOK_SLOT, INTAKE_SUBMIT } from '../../src/cards/verbs.js';
import { compose } from '../../src/composition-root.js';
import { loadConfig } from '../../src/config/config.js';
import { entityIdOf } from '../../src/domain/card-actions/action-token.js';
import type { Intake } from '../../src/domain/intake/intake.js';
import { TOPIC_CODES } from '../../src/domain/intake/topics.js';
import { PARTNER_MUNICIPALITIES } from '../../src/domain/municipality.js';
import { findSlots } from '../../src/use-cases/booking/find-slots.js';
import { mintActionTokens, type MintRequest } from '../../src/use-cases/card-actions/card-action-tokens.js';
import type { UnitOfWork } from '../../src/use-cases/ports/repositories.js';
import { benchConversationId } from './bench-ids.js';

/**
 * Neuvo as in production (composition root, SQLite in a temp dir), for the turns bench.
 *
 * With BENCH_SEED_BOOKING=N (and BENCH_SEED_TENANT), seeds before it reports ready: 30 advisers
 * (Mon–Fri 08–16) and N clients `aad-bench-<i>`, each with an intake, then sends the parent one
 * bookable time per client. Each adviser serves one partner municipality and is the only one
 * marked with one routing topic; client i asks for adviser i mod 30's (municipality, topic), so
 * exactly one adviser is eligible for them and the time planned here is still the one Neuvo offers
 * when the booking arrives, whatever other clients booked meanwhile (their times never overlap).
 *
 * Card action tokens (ADR 14): a press is accepted only with the token of the card that carried
 * the button. Each planned booking comes with the BOOK_SLOT token the slot card would have carried
 * for that client, time and adviser in their chat `benchConversationId('booking', i)`; with
 * BENCH_SEED_INTAKE=N, N INTAKE_SUBMIT tokens for persons `aad-bench-intake-<i>` in
 * `benchConversationId('intake', i)`. They are minted here, as the card sent in the previous turn
 * would have minted them, so the timed turn pays what a real press pays: the check and the
 * single-use mark.
 */
const ADVISERS = 30;
const neuvo = await compose(loadConfig());
const tenantId = process.env.BENCH_SEED_TENANT ?? '';
const seedCount = Number(process.env.BENCH_SEED_BOOKING ?? 0);
const intakeCount = Number(process.env.BENCH_SEED_INTAKE ?? 0);
const plan = seedCount > 0 ? await seedBooking(neuvo.uow, seedCount, tenantId) : undefined;
const intakeTokens =
  intakeCount > 0
    ? await mintPersonalTokens(Array.from({ length: intakeCount }, (_, i) => ({ userKey: `aad-bench-intake-${i}`, conversationId: benchConversationId('intake', i), verb: INTAKE_SUBMIT, data: {} })))
    : undefined;
await neuvo.start();
// The bench stops servers with SIGTERM; exiting normally lets `--cpu-prof` (BENCH_SERVER_NODE_OPTIONS) write its profile.
process.once('SIGTERM', () => process.exit(0));
process.send?.({ ready: true, ...(plan ? { plan } : {}), ...(intakeTokens ? { intakeTokens } : {}) });

/** Single-use tokens for buttons shown in personal chats, minted 500 at a time; in order. */
async function mintPersonalTokens(buttons: readonly { userKey: string; conversationId: string; verb: typeof BOOK_SLOT | typeof INTAKE_SUBMIT; data: Record<string, unknown> }[]): Promise<string[]> {
  const deps = { tokens: neuvo.uow.actionTokens, clock: () => new Date(), newToken: () => randomBytes(32).toString('base64url'), ttlMs: 86_400_000 };
  const requests: MintRequest[] = buttons.map((b) => ({
    binding: {
      tenantId,
      holder: { kind: 'user', userKey: b.userKey },
      conversationId: conversationKey(b.conversationId),
      verb: b.verb,
      entityId: entityIdOf(b.data, ACTION_TOKEN_POLICIES[b.verb]!.entity)!,
    },
    singleUse: true,
  }));
  const tokens: string[] = [];
  for (let i = 0; i < requests.length; i += 500) tokens.push(...(await mintActionTokens(deps, requests.slice(i, i + 500))));
  return tokens;
}

export interface PlannedBooking {
  readonly aadObjectId: string;
  readonly start: string;
  readonly adviserId: string;
  /** The slot card's BOOK_SLOT token for this client, time and adviser, in `benchConversationId('booking', i)`. */
  readonly actionToken: string;
}

async function seedBooking(uow: UnitOfWork, clients: number, tenantId: string): Promise<PlannedBooking[]> {
  const now = new Date();
  const combos = Array.from({ length: ADVISERS }, (_, a) => ({
    municipalityCode: PARTNER_MUNICIPALITIES[a % PARTNER_MUNICIPALITIES.length]!.code,
    topic: TOPIC_CODES[Math.floor(a / PARTNER_MUNICIPALITIES.length)]!,
  }));
  for (const [a, combo] of combos.entries()) {
    const adviser = await uow.staff.upsert({
      entraObjectId: `aad-bench-adviser-${a}`,
      tenantId,
      displayName: `Bench Adviser ${a}`,
      roles: ['adviser'],
      municipalityCode: combo.municipalityCode,
      languages: ['fi', 'en'],
    });
    await uow.schedules.setServedMunicipalities(adviser.id, [combo.municipalityCode]);
    await uow.schedules.setTopics(adviser.id, [combo.topic]);
    await uow.schedules.setWeeklyHours(
      adviser.id,
      ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '08:00', end: '16:00' })),
    );
  }

  // Per adviser, the free times Neuvo offers now, thinned so that no two overlap (45 min + 15 min buffer).
  const times: { start: string; adviserId: string }[][] = [];
  for (const combo of combos) {
    const found = await findSlots(
      { uow, clock: () => now },
      { municipalityCode: combo.municipalityCode, language: 'fi', interpreterLanguage: null, topics: [combo.topic], serviceTypeCode: 'guidance', limit: 10_000 },
    );
    const list: { start: string; adviserId: string }[] = [];
    let nextFree = 0;
    for (const slot of found.ok ? found.slots : []) {
      // Skip the first day: the 2 h notice must still hold when the booking arrives.
      if (slot.start.getTime() < now.getTime() + 24 * 3600_000 || slot.start.getTime() < nextFree) continue;
      list.push({ start: slot.start.toISOString(), adviserId: slot.adviserId });
      nextFree = slot.start.getTime() + 60 * 60_000;
    }
    times.push(list);
  }

  const plan: Omit<PlannedBooking, 'actionToken'>[] = [];
  await uow.transaction(async (tx) => {
    for (let i = 0; i < clients; i++) {
      const a = i % ADVISERS;
      const time = times[a]![Math.floor(i / ADVISERS)];
      if (!time) break; // calendar full: the parent gets fewer clients than asked
      const combo = combos[a]!;
      const aadObjectId = `aad-bench-${i}`;
      const client = await tx.clients.create({ municipalityCode: combo.municipalityCode, displayName: `Bench ${i}`, preferredLanguage: 'fi', entraObjectId: aadObjectId, tenantId }, now);
      const intake: Intake = {
        name: `Bench ${i}`,
        municipalityCode: combo.municipalityCode,
        language: 'fi',
        interpreterLanguage: null,
        topics: [combo.topic],
        description: '',
        contact: { teams: true, email: null, phone: null },
        consent: { shareWithReferralPartners: false },
      };
      await tx.intakes.save(client.id, intake, now);
      plan.push({ aadObjectId, ...time });
    }
  });
  const tokens = await mintPersonalTokens(plan.map((p, i) => ({ userKey: p.aadObjectId, conversationId: benchConversationId('booking', i), verb: BOOK_SLOT, data: { start: p.start, adviserId: p.adviserId } })));
  return plan.map((p, i) => ({ ...p, actionToken: tokens[i]! }));
}
