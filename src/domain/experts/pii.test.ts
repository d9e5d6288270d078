import { describe, expect, it } from 'vitest';
import { SCRUB_MARK, scrubPersonalData } from './pii.js';

describe('scrubPersonalData', () => {
  it.each([
    ['Asiakas 010190-123A kysyy', 'Asiakas [***] kysyy', ['personal_identity_code']],
    ['uusi muoto 010101A123B ja 311299Y9999', 'uusi muoto [***] ja [***]', ['personal_identity_code']],
    ['väärä tarkiste 131052-308X on silti tunnus', 'väärä tarkiste [***] on silti tunnus', ['personal_identity_code']],
    ['pienillä 131052a308t', 'pienillä [***]', ['personal_identity_code']],
    ['aino.virtanen+neuvo@joensuu.fi vastaa', '[***] vastaa', ['email']],
    ['sähköposti jääskeläinen@kunta.example.fi.', 'sähköposti [***].', ['email']],
    ['soita 040 123 4567', 'soita [***]', ['phone']],
    ['040-1234567 tai 0401234567', '[***] tai [***]', ['phone']],
    ['+358 40 123 4567 / +358401234567', '[***] / [***]', ['phone']],
    ['toimisto (013) 123 456 tai 013 123 4567', 'toimisto [***] tai [***]', ['phone']],
    ['ulkomaa +46 8 123 456 78', 'ulkomaa [***]', ['phone']],
  ])('removes %j', (input, text, removed) => {
    expect(scrubPersonalData(input)).toEqual({ text, removed });
  });

  it('names each kind once: identity code, e-mail, phone', () => {
    expect(scrubPersonalData('040 123 4567, 010190-123A, a@b.fi, 050 765 4321').removed).toEqual(['personal_identity_code', 'email', 'phone']);
  });

  it.each([
    'päivä 12.3.2025 ja 2025-03-12, klo 14:30 tai 8.15',
    'vuokra 1 200 € tai 1200 euroa, 45 %',
    '80100 Joensuu',
    'laki 681/2023 § 25',
    'kysymys #42, 3 lasta, diaarinumero 123456',
    'vuonna 2025 tuli 1500 muuttajaa',
    'Kela-kortti ja TE-palvelut',
    '320190-123A ei ole päivämäärä',
  ])('leaves ordinary text alone: %j', (input) => {
    expect(scrubPersonalData(input)).toEqual({ text: input, removed: [] });
  });

  it('keeps the rest byte for byte (newlines, spaces, Unicode)', () => {
    const input = 'Hei!\n\n  Perhe 🙂 (Ääkköset) — puh. 040 123 4567\tkiitos';
    expect(scrubPersonalData(input).text).toBe(`Hei!\n\n  Perhe 🙂 (Ääkköset) — puh. ${SCRUB_MARK}\tkiitos`);
  });
});
