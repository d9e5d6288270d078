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
    expect(sut.filter((r) => r.section === 'contacts').map((r) => [r.municipalityCode, r.count])).toEqual([['joensuu', 20], ['liperi', null], ['outokumpu', 0], [null, 23]]);
    expect(sut.filter((r) => r.section === 'channel').map((r) => r.item)).toEqual(['phone', 'phone', 'phone', 'phone', 'chat', 'chat', 'chat', 'chat']);
  });

  it('suppresses every count of 1–4 (totals too) and keeps 0', () => {
    expect(row('channel', 'phone', 'joensuu')).toBe(15);
    expect(row('channel', 'phone', 'liperi')).toBeNull();
    expect(row('channel', 'phone', null)).toBe(18);
    expect(row('channel', 'chat', 'liperi')).toBe(0);
    expect(row('authority_referral', 'migri', null)).toBeNull();
    expect(row('interpreter', 'interpreter_used', 'joensuu')).toBeNull();
    expect(row('meetings', 'held', 'joensuu')).toBe(6);
    expect(row('meetings', 'no_shows', 'joensuu')).toBeNull();
    expect(row('meetings', 'no_shows', 'outokumpu')).toBe(0);
    expect(sut.every((r) => r.count === null || r.count === 0 || r.count >= 5)).toBe(true);
  });

  it('leaves out the outcome breakdown, which the funder does not ask for', () => {
    expect(sut.some((r) => r.item === 'resolved')).toBe(false);
  });
});
