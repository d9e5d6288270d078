import { describe, expect, it } from 'vitest';
import { parseEuros, splitCosts } from './cost-shares.js';

const ok = (result: ReturnType<typeof splitCosts>) => {
  if (!result.ok) throw new Error(`expected a split, got ${result.reason}`);
  return result;
};

describe('cost shares: the state 70 %, the municipalities 30 % by foreign residents', () => {
  it('splits 100 000 € over residents 3 000 / 1 000 / 1 000: 70 000 € and 18 000 / 6 000 / 6 000 €', () => {
    const sut = ok(splitCosts(10_000_000, [{ code: 'joensuu', foreignResidents: 3000 }, { code: 'liperi', foreignResidents: 1000 }, { code: 'outokumpu', foreignResidents: 1000 }]));
    expect(sut.stateCents).toBe(7_000_000);
    expect(sut.municipalitiesCents).toBe(3_000_000);
    expect(sut.shares).toEqual([
      { code: 'joensuu', foreignResidents: 3000, percent: 60, amountCents: 1_800_000 },
      { code: 'liperi', foreignResidents: 1000, percent: 20, amountCents: 600_000 },
      { code: 'outokumpu', foreignResidents: 1000, percent: 20, amountCents: 600_000 },
    ]);
  });

  it('rounds the state half up to the cent and leaves the rest to the municipalities: 1 000.01 € → 700.01 € + 300.00 €', () => {
    const sut = ok(splitCosts(100_001, [{ code: 'a', foreignResidents: 1 }]));
    expect([sut.stateCents, sut.municipalitiesCents, sut.shares[0]?.amountCents]).toEqual([70_001, 30_000, 30_000]);
  });

  it('gives a leftover cent to the largest remainder, ties by code, so the shares sum exactly', () => {
    // 1.03 € → state 72 cents (72.1), municipalities 31 → 10.33 each: 10 + 10 + 10 and one cent left, to "a".
    const sut = ok(splitCosts(103, [{ code: 'c', foreignResidents: 5 }, { code: 'a', foreignResidents: 5 }, { code: 'b', foreignResidents: 5 }]));
    expect(sut.stateCents).toBe(72);
    expect(sut.shares.map((s) => [s.code, s.amountCents])).toEqual([['c', 10], ['a', 11], ['b', 10]]);
  });

  it('sums exactly to the municipalities total for awkward residents and large totals', () => {
    const municipalities = [
      { code: 'joensuu', foreignResidents: 4_987 },
      { code: 'liperi', foreignResidents: 313 },
      { code: 'kontiolahti', foreignResidents: 577 },
      { code: 'ilomantsi', foreignResidents: 97 },
      { code: 'outokumpu', foreignResidents: 449 },
    ];
    for (const total of [1, 7, 99, 123_456_789, 99_999_999_999, 100_000_000_000]) {
      const sut = ok(splitCosts(total, municipalities));
      expect(sut.stateCents + sut.municipalitiesCents).toBe(total);
      expect(sut.shares.reduce((n, s) => n + s.amountCents, 0)).toBe(sut.municipalitiesCents);
      // Largest remainder: nobody is more than one cent away from the exact proportional share.
      for (const s of sut.shares) expect(Math.abs(s.amountCents - (sut.municipalitiesCents * s.foreignResidents) / 6423)).toBeLessThan(1);
    }
  });

  it('does not depend on the order the municipalities come in', () => {
    const input = [{ code: 'a', foreignResidents: 1 }, { code: 'b', foreignResidents: 1 }, { code: 'c', foreignResidents: 1 }];
    const forward = ok(splitCosts(1_000, input)).shares;
    const backward = ok(splitCosts(1_000, [...input].reverse())).shares;
    expect(Object.fromEntries(forward.map((s) => [s.code, s.amountCents]))).toEqual(Object.fromEntries(backward.map((s) => [s.code, s.amountCents])));
    expect(forward.map((s) => s.amountCents).sort()).toEqual([100, 100, 100]);
  });

  it('gives a municipality with 0 foreign residents nothing', () => {
    const sut = ok(splitCosts(100_000, [{ code: 'a', foreignResidents: 0 }, { code: 'b', foreignResidents: 10 }]));
    expect(sut.shares.map((s) => s.amountCents)).toEqual([0, 30_000]);
  });

  it('refuses to split without every residents figure, naming the municipalities missing one', () => {
    expect(splitCosts(100, [{ code: 'a', foreignResidents: 5 }, { code: 'b', foreignResidents: null }, { code: 'c', foreignResidents: null }])).toEqual({ ok: false, reason: 'missing_figures', codes: ['b', 'c'] });
    expect(splitCosts(100, [{ code: 'a', foreignResidents: 0 }])).toEqual({ ok: false, reason: 'no_residents' });
  });
});

describe('euros as written → cents', () => {
  it('reads whole euros and up to two decimals without a float', () => {
    expect(['250000', '250000.5', '0.07', '1000000000', '19.99'].map(parseEuros)).toEqual([25_000_000, 25_000_050, 7, 100_000_000_000, 1999]);
  });

  it('refuses anything else', () => {
    for (const text of ['', '-1', '1,5', '1.234', '1e5', ' 1', '1000000000.01', 'abc', '12345678901']) expect(parseEuros(text)).toBeUndefined();
  });
});
