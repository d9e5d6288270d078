import { describe, expect, it } from 'vitest';
import type { Contact } from './contact.js';
import { DEFAULT_FIELD_MAPPING, fieldMappingProblems, mapRegisterFields } from './register-record.js';

const contact: Contact = {
  id: 'c-1',
  clientId: 'client-1',
  municipalityCode: 'liperi',
  adviserId: 'staff-1',
  bookingId: null,
  channel: 'walk_in',
  startedAt: new Date('2026-03-10T09:00:00Z'),
  durationMinutes: 25,
  language: 'ar',
  interpreterUsed: false,
  topics: ['housing', 'health'],
  services: [],
  referrals: [{ kind: 'authority', code: 'kela' }, { kind: 'association', associationId: 'spr' }, { kind: 'authority', code: 'dvv' }],
  followUpOn: null,
  outcome: 'referred',
  notes: 'private words',
  formVersion: 1,
  revision: 3,
  createdAt: new Date('2026-03-10T10:00:00Z'),
  updatedAt: new Date('2026-03-11T10:00:00Z'),
};

describe('the register record', () => {
  it('sends every field under our name except the notes by default', () => {
    expect(mapRegisterFields(contact, DEFAULT_FIELD_MAPPING)).toEqual({
      municipality: 'liperi',
      clientRef: 'client-1',
      adviserRef: 'staff-1',
      bookingRef: null,
      channel: 'walk_in',
      startedAt: '2026-03-10T09:00:00.000Z',
      durationMinutes: 25,
      language: 'ar',
      interpreterUsed: false,
      topics: 'housing;health',
      services: '',
      authorities: 'kela;dvv',
      associations: 'spr',
      followUpOn: null,
      outcome: 'referred',
    });
  });

  it('renames to the municipality\'s columns and drops what is not mapped', () => {
    expect(mapRegisterFields(contact, { startedAt: 'Aika', notes: 'Muistiinpanot' })).toEqual({ Aika: '2026-03-10T09:00:00.000Z', Muistiinpanot: 'private words' });
  });

  it('reports unknown fields, bad column names and a column mapped twice', () => {
    expect(fieldMappingProblems({ startedAt: 'Aika', topics: 'Aika', nonsense: 'X', outcome: 'drop table' })).toEqual([
      'column "Aika" is mapped twice',
      'unknown field "nonsense" (known: municipality, clientRef, adviserRef, bookingRef, channel, startedAt, durationMinutes, language, interpreterUsed, topics, services, authorities, associations, followUpOn, outcome, notes)',
      'column name "drop table" for "outcome" must be letters, digits and _',
    ]);
  });
});
