import { describe, expect, it } from 'vitest';
import { NOTES_MAX_LENGTH, parseCalendarDate, validateContactDetails, type ContactDetails } from './contact.js';
import { DEFAULT_CONTACT_LOG_FORM, withRetiredOption, type FormDefinition } from './form-definition.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const details = (overrides: Partial<ContactDetails> = {}): ContactDetails => ({
  channel: 'phone',
  startedAt: new Date('2026-03-10T09:00:00Z'),
  durationMinutes: 20,
  language: 'so',
  interpreterUsed: true,
  topics: ['housing', 'housing', 'kela_benefits'],
  services: ['guidance'],
  referrals: [{ kind: 'authority', code: 'kela' }, { kind: 'authority', code: 'kela' }, { kind: 'association', associationId: 'spr' }],
  followUpOn: '2026-04-01',
  outcome: 'referred',
  notes: '  Soitti Kelasta.  ',
  ...overrides,
});
const validate = (d: ContactDetails, form: FormDefinition = DEFAULT_CONTACT_LOG_FORM, stored?: ContactDetails) => validateContactDetails(d, form, NOW, new Set(['spr']), stored);

describe('validateContactDetails', () => {
  it('accepts a contact of the form and cleans it: lists de-duplicated in order, notes trimmed', () => {
    const result = validate(details());
    expect(result).toEqual({
      ok: true,
      details: { ...details(), topics: ['housing', 'kela_benefits'], referrals: [{ kind: 'authority', code: 'kela' }, { kind: 'association', associationId: 'spr' }], notes: 'Soitti Kelasta.' },
    });
  });

  it.each([
    ['an unknown channel', { channel: 'fax' }, { field: 'channel', code: 'unknown_option' }],
    ['no outcome', { outcome: '' }, { field: 'outcome', code: 'required' }],
    ['no topic', { topics: [] }, { field: 'topics', code: 'required' }],
    ['an unknown topic', { topics: ['housing', 'religion'] }, { field: 'topics', code: 'unknown_option' }],
    ['an unknown service', { services: ['x_ray'] }, { field: 'services', code: 'unknown_option' }],
    ['an unknown authority', { referrals: [{ kind: 'authority', code: 'cia' }] }, { field: 'authorities', code: 'unknown_option' }],
    ['an association not in the directory', { referrals: [{ kind: 'association', associationId: 'elsewhere' }] }, { field: 'referrals', code: 'unknown_option' }],
    ['zero minutes', { durationMinutes: 0 }, { field: 'durationMinutes', code: 'out_of_range' }],
    ['nine hours', { durationMinutes: 540 }, { field: 'durationMinutes', code: 'out_of_range' }],
    ['a fractional duration', { durationMinutes: 12.5 }, { field: 'durationMinutes', code: 'out_of_range' }],
    ['a start tomorrow', { startedAt: new Date('2026-03-11T09:00:00Z') }, { field: 'startedAt', code: 'out_of_range' }],
    ['an invalid start', { startedAt: new Date('nope') }, { field: 'startedAt', code: 'out_of_range' }],
    ['a language that is not a code', { language: 'Somali' }, { field: 'language', code: 'bad_format' }],
    ['notes over the cap', { notes: 'x'.repeat(NOTES_MAX_LENGTH + 1) }, { field: 'notes', code: 'too_long' }],
    ['30 February', { followUpOn: '2026-02-30' }, { field: 'followUpOn', code: 'bad_format' }],
    ['a follow-up in 2062', { followUpOn: '2062-03-10' }, { field: 'followUpOn', code: 'out_of_range' }],
    ['a follow-up last month', { followUpOn: '2026-02-01' }, { field: 'followUpOn', code: 'out_of_range' }],
  ] as const)('refuses %s', (_name, overrides, error) => {
    const result = validate(details(overrides as Partial<ContactDetails>));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toContainEqual(error);
  });

  it('keeps a retired option valid on a contact that already has it, and refuses it on a new one', () => {
    const form = withRetiredOption(DEFAULT_CONTACT_LOG_FORM, 'services', 'basic_info') as FormDefinition;
    const stored = details({ services: ['basic_info'] });
    expect(validate(details({ services: ['basic_info'] }), form).ok).toBe(false);
    expect(validate(details({ services: ['basic_info'], durationMinutes: 30 }), form, stored).ok).toBe(true);
  });

  it('reports every problem at once', () => {
    const result = validate(details({ channel: '', topics: [], durationMinutes: -1 }));
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['channel', 'topics', 'durationMinutes']);
  });
});

describe('parseCalendarDate', () => {
  it('reads real dates only', () => {
    expect(parseCalendarDate('2028-02-29')).toBe(Date.UTC(2028, 1, 29));
    expect(parseCalendarDate('2027-02-29')).toBeUndefined();
    expect(parseCalendarDate('2027-2-1')).toBeUndefined();
  });
});
