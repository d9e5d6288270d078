import { describe, expect, it } from 'vitest';
import { mergeOntoStored, type FormValues } from './form-values.js';

const base: FormValues = {
  channel: 'teams',
  durationMinutes: '45',
  language: 'uk',
  interpreterUsed: false,
  topics: ['housing', 'work_jobseeking'],
  services: [],
  authorities: ['kela'],
  associations: [],
  followUpOn: '',
  outcome: 'resolved',
  notes: 'Asuntohakemus täytetty.',
  reason: '',
};

describe('a correction refused because a colleague saved first (409)', () => {
  it("keeps each field the adviser changed, takes the colleague's value for every other one, and keeps the typed reason", () => {
    const typed: FormValues = { ...base, durationMinutes: '35', topics: ['work_jobseeking', 'housing'], reason: 'Kesto väärin' };
    const stored: FormValues = { ...base, notes: 'Koordinaattori täydensi.', authorities: ['kela', 'te_services'], durationMinutes: '50' };

    expect(mergeOntoStored(base, typed, stored)).toEqual({
      ...base,
      // Changed by this adviser: theirs wins over the colleague's 50.
      durationMinutes: '35',
      // Same codes in another order is no change: the stored list.
      topics: ['housing', 'work_jobseeking'],
      notes: 'Koordinaattori täydensi.',
      authorities: ['kela', 'te_services'],
      reason: 'Kesto väärin',
    });
  });

  it('is the stored version when the adviser had typed nothing but the reason', () => {
    const stored: FormValues = { ...base, outcome: 'follow_up', interpreterUsed: true, followUpOn: '2026-12-01' };

    expect(mergeOntoStored(base, { ...base, reason: 'x' }, stored)).toEqual({ ...stored, reason: 'x' });
  });
});
