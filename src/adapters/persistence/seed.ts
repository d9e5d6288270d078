import type { ServiceType } from '../../domain/booking/booking.js';
import { PARTNER_MUNICIPALITIES, type Municipality } from '../../domain/municipality.js';
import type { Repositories } from '../../use-cases/ports/repositories.js';

/** A municipality to seed beyond the partners; same shape as the config's `MunicipalitySeed`. */
export type MunicipalitySeed = Municipality;

/**
 * Makes sure the five partner municipalities and `extra` exist with their configured names.
 * Idempotent: run it on every start. Upserts only, so a municipality dropped from config keeps
 * its row (clients and reports still refer to it).
 */
export async function seedMunicipalities(
  repos: Pick<Repositories, 'municipalities'>,
  extra: readonly MunicipalitySeed[],
): Promise<void> {
  for (const municipality of [...PARTNER_MUNICIPALITIES, ...extra]) {
    await repos.municipalities.upsert({ code: municipality.code, name: municipality.name });
  }
}

/** The default appointment: 45 min guidance, 15 min buffer, ≥ 2 h notice, 6 weeks ahead, 15-min steps. */
export const GUIDANCE_SERVICE_TYPE: ServiceType = {
  code: 'guidance',
  lengthMinutes: 45,
  bufferMinutes: 15,
  minNoticeMinutes: 120,
  horizonDays: 42,
  slotStepMinutes: 15,
};

/**
 * Makes sure the default `guidance` service type exists. Idempotent, and it only inserts: values a
 * coordinator has changed since are kept on the next start.
 */
export async function seedServiceTypes(repos: Pick<Repositories, 'serviceTypes'>): Promise<void> {
  if ((await repos.serviceTypes.get(GUIDANCE_SERVICE_TYPE.code)) === undefined) {
    await repos.serviceTypes.upsert(GUIDANCE_SERVICE_TYPE);
  }
}
