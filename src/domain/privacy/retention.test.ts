import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, intakeCutoff, parseRegisterDaysByMunicipality, registerCutoff, registerExpiry, type RetentionPolicy } from './retention.js';

const POLICY: RetentionPolicy = { intakeDays: 30, registerDays: 2190, registerDaysByMunicipality: { liperi: 3650 } };
const NOW = new Date('2026-11-28T10:00:00.000Z');

describe('retention periods', () => {
  it('cuts intakes 30 days back and the register by the municipality’s own period or the default', () => {
    expect(intakeCutoff(POLICY, NOW).toISOString()).toBe('2026-10-29T10:00:00.000Z');
    expect(registerCutoff(POLICY, 'joensuu', NOW).toISOString()).toBe('2020-11-29T10:00:00.000Z');
    expect(registerCutoff(POLICY, 'liperi', NOW).toISOString()).toBe('2016-11-30T10:00:00.000Z');
  });

  it('gives the day a contact leaves the register: its start plus the period, never the default for a municipality that has its own', () => {
    const started = new Date('2025-03-03T08:00:00.000Z');
    expect(registerExpiry(POLICY, 'joensuu', started).toISOString()).toBe('2031-03-02T08:00:00.000Z');
    expect(registerExpiry(POLICY, 'liperi', started).toISOString()).toBe('2035-03-01T08:00:00.000Z');
    expect(registerExpiry(DEFAULT_RETENTION, 'liperi', started)).toEqual(registerExpiry(POLICY, 'joensuu', started));
  });
});

describe('parseRegisterDaysByMunicipality', () => {
  it('reads municipality=days pairs, spaces and empty parts allowed', () => {
    expect(parseRegisterDaysByMunicipality(' liperi = 3650 ,, outokumpu=730 ')).toEqual({ value: { liperi: 3650, outokumpu: 730 }, problems: [] });
    expect(parseRegisterDaysByMunicipality(undefined)).toEqual({ value: {}, problems: [] });
  });

  it('names every bad part: no days, zero, too long, a code with capitals, a municipality twice', () => {
    const { problems } = parseRegisterDaysByMunicipality('liperi,joensuu=0,ilomantsi=99999,Outokumpu=10,kontiolahti=1,kontiolahti=2');
    expect(problems).toEqual([
      expect.stringContaining('"liperi"'),
      expect.stringContaining('"joensuu=0"'),
      expect.stringContaining('"ilomantsi=99999"'),
      expect.stringContaining('"Outokumpu=10"'),
      'municipality "kontiolahti" is given twice',
    ]);
  });
});
