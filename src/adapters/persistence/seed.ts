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
