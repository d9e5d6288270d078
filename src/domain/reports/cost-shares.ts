/**
 * The funding rule of the service (DESIGN.md, "the seed's systems"): the state pays 70 % of the
 * total cost; the municipalities pay the other 30 %, split by each one's number of foreign
 * residents that year. Money is whole cents throughout, and the shares add up to the
 * municipalities' total exactly (largest-remainder rounding), so an invoice never differs from
 * the decision by a cent.
 */

/** The state's part, in per mille (70 %). */
export const STATE_SHARE_PER_MILLE = 700;

export interface CostShareInput {
  readonly code: string;
  /** The municipality's foreign residents in the year; null when the figure has not been entered. */
  readonly foreignResidents: number | null;
}

export interface CostShare {
  readonly code: string;
  readonly foreignResidents: number;
  /** The municipality's part of the foreign residents, in % rounded to two decimals (display only). */
  readonly percent: number;
  readonly amountCents: number;
}

export type CostSharesResult =
  | { readonly ok: true; readonly totalCents: number; readonly stateCents: number; readonly municipalitiesCents: number; readonly shares: readonly CostShare[] }
  /** `missing_figures`: these municipalities have no residents figure; `no_residents`: every figure is 0. */
  | { readonly ok: false; readonly reason: 'missing_figures'; readonly codes: readonly string[] }
  | { readonly ok: false; readonly reason: 'no_residents' };

/**
 * Splits `totalCents` (a whole number of cents ≥ 0). The state's 70 % is rounded half up to the
 * cent and the municipalities pay the rest, so state + municipalities = total. Each municipality
 * first gets floor(municipalities × residents / all residents); the cents left over (fewer than
 * the number of municipalities) go one each to the largest remainders, ties to the municipality
 * with more residents, then by code, so the result does not depend on the input order.
 *
 * Worked example: 100.00 € → state 70.00 €, municipalities 30.00 € = 3000 cents over residents
 * 1, 1, 1 → 1000 cents each; over 2, 1 → 2000 and 1000; 1000.01 € → state 700.01 €, 300.00 €.
 */
export function splitCosts(totalCents: number, municipalities: readonly CostShareInput[]): CostSharesResult {
  if (!Number.isSafeInteger(totalCents) || totalCents < 0) throw new RangeError(`The total must be a whole number of cents from 0 up, got ${totalCents}.`);
  const missing = municipalities.filter((m) => m.foreignResidents === null).map((m) => m.code);
  if (missing.length > 0) return { ok: false, reason: 'missing_figures', codes: missing };
  const residents = municipalities.map((m) => {
    const n = m.foreignResidents as number;
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Foreign residents must be a whole number from 0 up, got ${n} for ${m.code}.`);
    return n;
  });
  const allResidents = residents.reduce((sum, n) => sum + n, 0);
  if (allResidents === 0) return { ok: false, reason: 'no_residents' };

  // BigInt: cents × residents can pass 2^53 for large budgets.
  const total = BigInt(totalCents);
  const state = (total * BigInt(STATE_SHARE_PER_MILLE) + 500n) / 1000n;
  const municipalitiesTotal = total - state;
  const all = BigInt(allResidents);
  const parts = municipalities.map((m, i) => {
    const scaled = municipalitiesTotal * BigInt(residents[i]!);
    return { code: m.code, residents: residents[i]!, cents: scaled / all, remainder: scaled % all };
  });
  let left = municipalitiesTotal - parts.reduce((sum, p) => sum + p.cents, 0n);
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : b.residents - a.residents || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  for (const part of byRemainder) {
    if (left === 0n) break;
    part.cents += 1n;
    left -= 1n;
  }
  return {
    ok: true,
    totalCents,
    stateCents: Number(state),
    municipalitiesCents: Number(municipalitiesTotal),
    shares: parts.map((p) => ({ code: p.code, foreignResidents: p.residents, percent: Math.round((p.residents / allResidents) * 10_000) / 100, amountCents: Number(p.cents) })),
  };
}

/**
 * Euros as written by a person ("250000", "250000.5", "250 000,50" is NOT accepted: digits, an
 * optional point and at most two decimals) → whole cents, without going through a float. Up to
 * 1,000,000,000 €; undefined for anything else.
 */
export function parseEuros(text: string): number | undefined {
  const match = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return cents <= 100_000_000_000 ? cents : undefined;
}

/** Cents → euros as a JSON number (two decimals at most). */
export function centsToEuros(cents: number): number {
  return cents / 100;
}
