import { GUIDANCE_SERVICE_TYPE } from '../../domain/booking/service-types.js';
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


/**
 * Makes sure the default `guidance` service type exists. Idempotent, and it only inserts: values a
 * coordinator has changed since are kept on the next start.
 */
export async function seedServiceTypes(repos: Pick<Repositories, 'serviceTypes'>): Promise<void> {
  if ((await repos.serviceTypes.get(GUIDANCE_SERVICE_TYPE.code)) === undefined) {
    await repos.serviceTypes.upsert(GUIDANCE_SERVICE_TYPE);
  }
}
