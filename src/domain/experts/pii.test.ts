import { describe, expect, it } from 'vitest';
import { SCRUB_MARK, scrubPersonalData, type ScrubbedKind } from './pii.js';

const M = SCRUB_MARK;

describe('scrubPersonalData: personal identity codes', () => {
  it.each([
    ['Asiakas 131052-308T kysyy', `Asiakas ${M} kysyy`],
    ['1900s with the 2023 letters: 010190Y123A, 010190U1234, 010190-123A', `1900s with the 2023 letters: ${M}, ${M}, ${M}`],
    ['2000s: 010101A123B, 311299B9999, 050505F0010', `2000s: ${M}, ${M}, ${M}`],
    ['1800s: 010199+123C', `1800s: ${M}`],
    ['lower case: 131052a308t', `lower case: ${M}`],
    ['a wrong check character is still a code: 131052-308X, 131052-308G, 131052-3080', `a wrong check character is still a code: ${M}, ${M}, ${M}`],
    ['temporary code 010190-900S and 311205A999K', `temporary code ${M} and ${M}`],
    ['leap day in 2000: 290200A123B', `leap day in 2000: ${M}`],
    ['hetu:131052-308T, (131052-308T) "131052-308T".', `hetu:${M}, (${M}) "${M}".`],
    ['Finnish ending 131052-308T:n tiedot', `Finnish ending ${M}:n tiedot`],
    ['a dash from a word processor: 131052–308T, 131052\u2212308T', `a dash from a word processor: ${M}, ${M}`],
  ])('removes the code in %j', (input, text) => {
    expect(scrubPersonalData(input)).toEqual({ text, removed: ['personal_identity_code'] });
  });

  it.each([
    ['no 32nd day', '320190-123A'],
    ['no 13th month', '011390-123A'],
    ['no 29 February 1900', '290200-123A'],
    ['no 29 February 2001', '290201A123B'],
    ['no century sign G', '010190G123A'],
    ['part of a longer token', 'X131052-308T and 131052-308TT and 9131052-308T'],
  ])('leaves a look-alike that is not a code: %s', (_why, input) => {
    expect(scrubPersonalData(input)).toEqual({ text: input, removed: [] });
  });
});

describe('scrubPersonalData: e-mail addresses', () => {
  it.each([
    ['aino.virtanen@joensuu.fi vastaa', `${M} vastaa`],
    ['subaddress and subdomains: aino.virtanen+neuvo@palvelut.kunta.example.fi', `subaddress and subdomains: ${M}`],
    ['letters: jääskeläinen@kunta.fi, info@äänekoski.fi, ÅSA.ÖST@EXAMPLE.SE', `letters: ${M}, ${M}, ${M}`],
    ['end of sentence: aino@joensuu.fi.', `end of sentence: ${M}.`],
    ['ending and brackets: aino@joensuu.fi:lle <aino@joensuu.fi> (aino@joensuu.fi)', `ending and brackets: ${M}:lle <${M}> (${M})`],
    ['mailto:aino@joensuu.fi', `mailto:${M}`],
    ['Kirjoita...aino@joensuu.fi', `Kirjoita...${M}`],
    ['digits in it: 0401234567@sms.example.fi', `digits in it: ${M}`],
    ['a dot before the @ (a typo): aino.@joensuu.fi', `a dot before the @ (a typo): ${M}`],
    ['IDN top-level domain: aino@esimerkki.xn--p1ai', `IDN top-level domain: ${M}`],
  ])('removes the address in %j', (input, text) => {
    expect(scrubPersonalData(input)).toEqual({ text, removed: ['email'] });
  });

  it.each(['@Aino katso tämä', 'aino @ joensuu', 'aino@localhost', 'a@b.c', 'aino at joensuu dot fi'])('leaves %j', (input) => {
    expect(scrubPersonalData(input)).toEqual({ text: input, removed: [] });
  });
});

describe('scrubPersonalData: phone numbers', () => {
  it.each([
    ['soita 040 123 4567', `soita ${M}`],
    ['040-1234567 tai 0401234567', `${M} tai ${M}`],
    ['+358 40 123 4567 / +358401234567 / +358-40-1234567', `${M} / ${M} / ${M}`],
    ['toimisto (013) 123 456 tai 013 123 4567', `toimisto ${M} tai ${M}`],
    ['Helsinki 09 123 4567, 0400 123 456, 050 123 45 67', `Helsinki ${M}, ${M}, ${M}`],
    ['+358 (0)40 123 4567 ja 00358 40 123 4567', `${M} ja ${M}`],
    ['ulkomaa +46 8 123 456 78, +44 20 7946 0958, +1 (555) 123-4567', `ulkomaa ${M}, ${M}, ${M}`],
    ['no-break spaces 040\u00A0123\u00A04567 and 040 - 123 4567', `no-break spaces ${M} and ${M}`],
    ['puh.040 123 4567, tel:+358401234567', `puh.${M}, tel:${M}`],
    ['(040 123 4567)', `(${M})`],
    ['0401234567:stä', `${M}:stä`],
    ['the shortest: 0123456', `the shortest: ${M}`],
  ])('removes the number in %j', (input, text) => {
    expect(scrubPersonalData(input)).toEqual({ text, removed: ['phone'] });
  });

  it.each([
    ['two numbers separated by a space', '040 123 4567 050 765 4321', `${M} ${M}`],
    ['not where a group inside a number starts with 0', 'soita 050 1234 0567 tai +44 20 7946 0958', `soita ${M} tai ${M}`],
    ['two numbers joined by a dash', '0401234567-0501234567', `${M}-${M}`],
    ['a year before it', 'vuonna 2025 0401234567', `vuonna 2025 ${M}`],
    ['a date before it', '2025-03-12 0401234567', `2025-03-12 ${M}`],
    ['a date after it', '040 123 4567 2025-03-12', `${M} 2025-03-12`],
    ['an international number after a national one', '040 123 4567 +46 8 123 456 78', `${M} ${M}`],
  ])('splits off the phone number: %s', (_why, input, text) => {
    expect(scrubPersonalData(input)).toEqual({ text, removed: ['phone'] });
  });
});

describe('scrubPersonalData: ordinary text stays', () => {
  it.each([
    ['dates', 'päivä 12.3.2025 ja 2025-03-12, 03-12-2025, 01.02.2025–28.02.2025, 1.1.–31.3.2025, 03/12/2025'],
    ['times', 'klo 14:30 tai 8.15, aukiolo 08.00–16.00, klo 8–16, 0800-1600'],
    ['years', 'vuosina 2024 ja 2025, 1990–2025, vuonna 2025 tuli 1500 muuttajaa'],
    ['money', 'vuokra 1 200 € tai 1200 euroa, 0,50 €, 1 000 000 000 €, 12 000 000 000 €'],
    ['postal codes', '80100 Joensuu, 00100 Helsinki, PL 123, 80101 Joensuu'],
    ['law references', 'laki 681/2023 § 25, 1386/2010 3 §'],
    ['a ticket number', 'kysymys #42 ja #0012345'],
    ['percentages and counts', '45 %, 0,5 %, 3 lasta, 2 aikuista'],
    ['words with dashes', 'Kela-kortti ja TE-palvelut'],
    ['business IDs', 'Y-tunnus 1234567-8 ja 0112038-9'],
    ['an IBAN', 'tili FI21 1234 5600 0007 85 tai FI21 1234 0600 0007 85'],
    ['a 6-digit case number (and 6 digits with a leading 0 are too short for a phone)', 'diaarinumero 123456, asia 012345'],
    ['numbers without a leading 0 or + (a local number without its area code stays too)', '12345678, 123 4567'],
    ['more than 15 digits', 'viite 0123456789012345678'],
    ['glued to letters', 'koodi ABC0123456, ABC12 0123456 ja 0123456abc'],
    ['decimals', 'arvo 8,0123456'],
    ['a temperature and a sum', '+5 °C, 2+2'],
  ])('%s', (_what, input) => {
    expect(scrubPersonalData(input)).toEqual({ text: input, removed: [] });
  });

  it('keeps the rest byte for byte (newlines, spaces, tabs, emoji, combining marks)', () => {
    const input = 'Hei!\r\n\n  Perhe 🙂 (Ääkköset, e\u0301) — puh. 040 123 4567\tkiitos\u00A0🙏\n';
    expect(scrubPersonalData(input).text).toBe(`Hei!\r\n\n  Perhe 🙂 (Ääkköset, e\u0301) — puh. ${M}\tkiitos\u00A0🙏\n`);
  });

  it('returns an empty text as it is', () => {
    expect(scrubPersonalData('')).toEqual({ text: '', removed: [] });
  });
});

describe('scrubPersonalData: several kinds', () => {
  it('replaces each piece and names each kind once, in the order first seen', () => {
    const input = 'Puh 040 123 4567, hetu 131052-308T, aino@joensuu.fi, toinen puh 050 765 4321 ja 010190-123A.';
    expect(scrubPersonalData(input)).toEqual({ text: `Puh ${M}, hetu ${M}, ${M}, toinen puh ${M} ja ${M}.`, removed: ['phone', 'personal_identity_code', 'email'] satisfies ScrubbedKind[] });
    expect(scrubPersonalData('aino@joensuu.fi 040 123 4567').removed).toEqual(['email', 'phone']);
  });

  it('does not take a phone number out of an e-mail address or an identity code', () => {
    expect(scrubPersonalData('040123-4567 0401234567@sms.example.fi').removed).toEqual(['personal_identity_code', 'email']);
  });

  it('is idempotent: scrubbed text scrubs to itself', () => {
    const once = scrubPersonalData('131052-308T, aino@joensuu.fi, +358 40 123 4567').text;
    expect(scrubPersonalData(once)).toEqual({ text: once, removed: [] });
  });

  it('stays fast on long, awkward input', () => {
    const awkward = `${'a.'.repeat(20_000)}@ ${'1 '.repeat(20_000)} ${'1'.repeat(40_000)} ${'0101901234-'.repeat(5_000)}`;
    const started = performance.now();
    expect(scrubPersonalData(awkward).text.startsWith('a.a.a.')).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
