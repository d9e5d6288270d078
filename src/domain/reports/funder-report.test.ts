import { describe, expect, it } from 'vitest';
import { funderRows } from './funder-report.js';
import type { ReportFigures } from './report-figures.js';

const figures: ReportFigures = {
  contactsByMonth: [
    { municipalityCode: 'joensuu', month: '2026-01', count: 12 },
    { municipalityCode: 'joensuu', month: '2026-02', count: 8 },
    { municipalityCode: 'liperi', month: '2026-01', count: 3 },
  ],
  counts: [
    { municipalityCode: 'joensuu', dimension: 'channel', code: 'phone', count: 15 },
    { municipalityCode: 'joensuu', dimension: 'channel', code: 'chat', count: 5 },
    { municipalityCode: 'liperi', dimension: 'channel', code: 'phone', count: 3 },
    { municipalityCode: 'liperi', dimension: 'authority', code: 'migri', count: 2 },
    { municipalityCode: 'joensuu', dimension: 'outcome', code: 'resolved', count: 20 },
  ],
  interpreterUsed: [{ municipalityCode: 'joensuu', count: 4 }],
  meetings: [{ municipalityCode: 'joensuu', held: 6, noShows: 1 }],
};

describe('the funder report rows', () => {
  const sut = funderRows(figures, ['joensuu', 'liperi', 'outokumpu']);
  const row = (section: string, item: string, municipalityCode: string | null) => sut.find((r) => r.section === section && r.item === item && r.municipalityCode === municipalityCode)?.count;

  it('has a row per municipality and a total per item, in the ministry order of sections', () => {
    expect([...new Set(sut.map((r) => r.section))]).toEqual(['contacts', 'channel', 'authority_referral', 'interpreter', 'meetings']);
    // Liperi's 3 is hidden, and so is the total 23, which would give it away (23 − 20 − 0).
    expect(sut.filter((r) => r.section === 'contacts').map((r) => [r.municipalityCode, r.count])).toEqual([
      ['joensuu', 20],
      ['liperi', null],
      ['outokumpu', 0],
      [null, null],
    ]);
    expect(sut.filter((r) => r.section === 'channel').map((r) => r.item)).toEqual(['phone', 'phone', 'phone', 'phone', 'chat', 'chat', 'chat', 'chat']);
  });

  it('suppresses every count of 1–4 (totals too) and keeps 0', () => {
    expect(row('channel', 'phone', 'joensuu')).toBe(15);
    expect(row('channel', 'phone', 'liperi')).toBeNull();
    expect(row('channel', 'phone', null)).toBeNull(); // 18 − 15 would give Liperi's 3
    expect(row('channel', 'chat', null)).toBe(5);
    expect(row('channel', 'chat', 'liperi')).toBe(0);
    expect(row('authority_referral', 'migri', null)).toBeNull();
    expect(row('interpreter', 'interpreter_used', 'joensuu')).toBeNull();
    expect(row('meetings', 'held', 'joensuu')).toBe(6);
    expect(row('meetings', 'no_shows', 'joensuu')).toBeNull();
    expect(row('meetings', 'no_shows', 'outokumpu')).toBe(0);
    expect(sut.every((r) => r.count === null || r.count === 0 || r.count >= 5)).toBe(true);
  });

  it("never leaves exactly one hidden cell in a row or in a municipality's channels or languages (complementary suppression)", () => {
    const busy: ReportFigures = {
      contactsByMonth: [
        { municipalityCode: 'joensuu', month: '2026-01', count: 40 },
        { municipalityCode: 'liperi', month: '2026-01', count: 12 },
        { municipalityCode: 'ilomantsi', month: '2026-01', count: 9 },
      ],
      counts: [
        // Ilomantsi: one Somali-language contact among eight in Finnish.
        ...(['joensuu', 'liperi', 'ilomantsi'] as const).flatMap((m) => [{ municipalityCode: m, dimension: 'channel' as const, code: 'phone', count: { joensuu: 30, liperi: 12, ilomantsi: 9 }[m] }]),
        { municipalityCode: 'joensuu', dimension: 'channel', code: 'walk_in', count: 10 },
        { municipalityCode: 'joensuu', dimension: 'language', code: 'fi', count: 40 },
        { municipalityCode: 'liperi', dimension: 'language', code: 'fi', count: 12 },
        { municipalityCode: 'ilomantsi', dimension: 'language', code: 'fi', count: 8 },
        { municipalityCode: 'ilomantsi', dimension: 'language', code: 'so', count: 1 },
      ],
      interpreterUsed: [],
      meetings: [],
    };
    const codes = ['joensuu', 'liperi', 'ilomantsi'];
    const rows = funderRows(busy, codes);
    const cell = (section: string, item: string, m: string | null) => rows.find((r) => r.section === section && r.item === item && r.municipalityCode === m)!.count;
    // Primary: Somali in Ilomantsi. Its row total (1) is hidden too; Ilomantsi's languages (8 fi + ? = 9) would give it away, so 8 goes.
    expect(cell('language', 'so', 'ilomantsi')).toBeNull();
    expect(cell('language', 'fi', 'ilomantsi')).toBeNull();
    // …and then the Finnish row (40 + 12 + ? = 60) would give 8 away: its total goes too, and the total column then needs a second one.
    expect(cell('language', 'fi', null)).toBeNull();
    // The municipalities' own contact counts stay shown.
    expect(codes.map((m) => cell('contacts', 'contacts', m))).toEqual([40, 12, 9]);
    // No group of cells that add up is left with exactly one unknown.
    const groups: (number | null)[][] = [];
    for (const item of new Set(rows.map((r) => `${r.section}/${r.item}`))) groups.push(rows.filter((r) => `${r.section}/${r.item}` === item).map((r) => r.count));
    for (const m of [...codes, null]) {
      for (const section of ['channel', 'language']) groups.push([...rows.filter((r) => r.section === section && r.municipalityCode === m).map((r) => r.count), cell('contacts', 'contacts', m)]);
    }
    for (const group of groups) expect(group.filter((c) => c === null).length).not.toBe(1);
  });

  it('leaves out the outcome breakdown, which the funder does not ask for', () => {
    expect(sut.some((r) => r.item === 'resolved')).toBe(false);
  });
});
