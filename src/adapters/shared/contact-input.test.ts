import { describe, expect, it } from 'vitest';
import { parseContactCardData } from './contact-input.js';

const inputs = { channel: 'phone', startedAt: '2026-03-10T08:00:00.000Z', language: 'uk', topics: 'housing', outcome: 'resolved', durationMinutes: '15', interpreterUsed: 'false' };

describe('parseContactCardData', () => {
  it('takes a booking id or a client id as the subject', () => {
    expect(parseContactCardData({ verb: 'neuvo.register.logContact', bookingId: 'b-1', ...inputs })).toMatchObject({ bookingId: 'b-1', details: { channel: 'phone', topics: ['housing'] } });
    const byClient = parseContactCardData({ clientId: 'c-1', ...inputs });
    expect(byClient).toMatchObject({ clientId: 'c-1', details: { channel: 'phone', durationMinutes: 15, interpreterUsed: false } });
    expect(byClient).not.toHaveProperty('bookingId');
  });

  it('refuses both ids, neither, or an unknown key', () => {
    expect(parseContactCardData({ bookingId: 'b-1', clientId: 'c-1', ...inputs })).toBeUndefined();
    expect(parseContactCardData(inputs)).toBeUndefined();
    expect(parseContactCardData({ clientId: 'c-1', municipalityCode: 'liperi', ...inputs })).toBeUndefined();
    expect(parseContactCardData({ clientId: '', ...inputs })).toBeUndefined();
  });
});
