import { describe, expect, it } from 'vitest';
import { containsPersonalIdentityCode } from '../../domain/intake/identity-code.js';
import { INTAKE_DESCRIPTION_MAX, INTAKE_NAME_MAX } from '../../domain/intake/intake.js';
import { PARTNER_MUNICIPALITIES } from '../../domain/municipality.js';
import { SUPPORTED_LANGUAGES } from '../../domain/staff/staff.js';
import { catalogOf } from '../../i18n/index.js';
import { INTAKE_SUBMIT } from '../verbs.js';
import {
  INTAKE_ERROR_KEYS,
  INTAKE_FIELD_IDS,
  parseIntakeSubmission,
  type IntakeErrorTarget,
  type IntakeSubmissionResult,
} from './intake-submission.js';

const OPTIONS = { municipalityCodes: PARTNER_MUNICIPALITIES.map((m) => m.code) };

/** The smallest submit a real card sends: required inputs filled, toggles off, empty inputs left out. */
function minimal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    verb: INTAKE_SUBMIT,
    name: 'Amina',
    municipality: 'joensuu',
    language: 'so',
    interpreterNeeded: 'false',
    topics: 'housing',
    contactTeams: 'false',
    consentShare: 'false',
    ...overrides,
  };
}

function full(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return minimal({
    name: '  Oksana K.  ',
    municipality: 'kontiolahti',
    language: 'uk',
    interpreterNeeded: 'true',
    interpreterLanguage: 'Ukrainian',
    topics: 'kela_benefits,residence_permit,housing',
    description: 'I need help with the housing allowance.\r\nAnd my permit.',
    contactTeams: 'true',
    email: 'oksana@example.com',
    phone: '+358 40 1234567',
    consentShare: 'true',
    ...overrides,
  });
}

const sut = (data: unknown, options = OPTIONS): IntakeSubmissionResult => parseIntakeSubmission(data, options);

function errorsOf(data: unknown, options = OPTIONS) {
  const result = sut(data, options);
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.intake)}`);
  return result;
}

/** Asserts the one error of a submit: exactly this field, exactly this key. */
function expectOnlyError(data: unknown, field: IntakeErrorTarget, key: (typeof INTAKE_ERROR_KEYS)[number]): void {
  expect(errorsOf(data).errors).toEqual({ [field]: key });
}

describe('parseIntakeSubmission: valid submits', () => {
  it('accepts the minimal submit of a real card', () => {
    expect(sut(minimal())).toEqual({
      ok: true,
      intake: {
        name: 'Amina',
        municipalityCode: 'joensuu',
        language: 'so',
        interpreterLanguage: null,
        topics: ['housing'],
        description: '',
        contact: { teams: false, email: null, phone: null },
        consent: { shareWithReferralPartners: false },
      },
    });
  });

  it('accepts a full submit: trims, normalizes line breaks, orders topics as in the glossary', () => {
    expect(sut(full())).toEqual({
      ok: true,
      intake: {
        name: 'Oksana K.',
        municipalityCode: 'kontiolahti',
        language: 'uk',
        interpreterLanguage: 'Ukrainian',
        topics: ['residence_permit', 'housing', 'kela_benefits'],
        description: 'I need help with the housing allowance.\nAnd my permit.',
        contact: { teams: true, email: 'oksana@example.com', phone: '+358 40 1234567' },
        consent: { shareWithReferralPartners: true },
      },
    });
  });

  it('treats empty optional inputs like missing ones', () => {
    const result = sut(minimal({ interpreterLanguage: '', description: '   ', email: '', phone: '' }));
    expect(result).toMatchObject({ ok: true, intake: { description: '', contact: { email: null, phone: null } } });
  });

  it('never assumes consent: a missing toggle is "no"', () => {
    const data = minimal();
    delete data.consentShare;
    delete data.contactTeams;
    delete data.interpreterNeeded;
    expect(sut(data)).toMatchObject({ ok: true, intake: { consent: { shareWithReferralPartners: false }, contact: { teams: false } } });
  });

  it('ignores the interpreter language when no interpreter is needed', () => {
    expect(sut(minimal({ interpreterLanguage: '12345' }))).toMatchObject({ ok: true, intake: { interpreterLanguage: null } });
  });

  it.each(['Tigrinya', 'Northern Sami', 'Dari-Pashto', 'العربية', 'دری', 'Українська', 'a'.repeat(35)])(
    'accepts the interpreter language %s',
    (interpreterLanguage) => {
      expect(sut(minimal({ interpreterNeeded: 'true', interpreterLanguage }))).toMatchObject({ ok: true, intake: { interpreterLanguage } });
    },
  );

  it.each(['040 123 4567', '+358 40 1234567', '0401234567', '+358-40-123 4567', '(013) 123 456', '013 123456'])(
    'accepts the phone number %s',
    (phone) => {
      expect(sut(minimal({ phone }))).toMatchObject({ ok: true, intake: { contact: { phone } } });
    },
  );

  it('collapses runs of spaces in a phone number', () => {
    expect(sut(minimal({ phone: ' 040  123   4567 ' }))).toMatchObject({ ok: true, intake: { contact: { phone: '040 123 4567' } } });
  });

  it.each(SUPPORTED_LANGUAGES)('accepts the language %s', (language) => {
    expect(sut(minimal({ language }))).toMatchObject({ ok: true, intake: { language } });
  });

  it('accepts every topic at once, and names at the length limit', () => {
    const topics = 'residence_permit,work_jobseeking,studies_language,housing,kela_benefits,health,family_children,registration_everyday,other';
    expect(sut(minimal({ topics, name: 'N'.repeat(INTAKE_NAME_MAX), description: 'd'.repeat(INTAKE_DESCRIPTION_MAX) }))).toMatchObject({
      ok: true,
    });
  });

  it('accepts spaces around comma-separated topics', () => {
    expect(sut(minimal({ topics: 'health, housing' }))).toMatchObject({ ok: true, intake: { topics: ['housing', 'health'] } });
  });

  it('accepts names with zero-width non-joiners (Persian) and a municipality from config', () => {
    expect(sut(minimal({ name: 'مهرداد\u200Cی', municipality: 'polvijarvi' }), { municipalityCodes: [...OPTIONS.municipalityCodes, 'polvijarvi'] })).toMatchObject({
      ok: true,
      intake: { municipalityCode: 'polvijarvi' },
    });
  });
});

describe('parseIntakeSubmission: one error key per failure kind', () => {
  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['blank', '   '],
    ['not a string', 42],
  ])('name %s → nameRequired', (_label, name) => {
    expectOnlyError(minimal({ name }), 'name', 'intake.error.nameRequired');
  });

  it('name too long → nameTooLong', () => {
    expectOnlyError(minimal({ name: 'N'.repeat(INTAKE_NAME_MAX + 1) }), 'name', 'intake.error.nameTooLong');
  });

  it.each(['Ami\u0000na', 'Ami\nna', 'Ami\u202Ena', 'Ami\u2066na'])('name with control or bidi override %j → nameInvalid', (name) => {
    expectOnlyError(minimal({ name }), 'name', 'intake.error.nameInvalid');
  });

  it.each([undefined, '', 'tampere', 'JOENSUU', '__proto__'])('municipality %s (missing, forged or unknown) → municipalityRequired', (municipality) => {
    expectOnlyError(minimal({ municipality }), 'municipality', 'intake.error.municipalityRequired');
  });

  it.each([undefined, '', 'de', 'fi-FI', 'prs'])('language %s → languageRequired', (language) => {
    expectOnlyError(minimal({ language }), 'language', 'intake.error.languageRequired');
  });

  it.each([undefined, '', '   '])('interpreter needed, language %j → interpreterLanguageRequired', (interpreterLanguage) => {
    expectOnlyError(minimal({ interpreterNeeded: 'true', interpreterLanguage }), 'interpreterLanguage', 'intake.error.interpreterLanguageRequired');
  });

  it.each(['a'.repeat(36), 'Somali2', 'Somali; drop', 'en/fi', '--', 'Somali  Arabic'])(
    'interpreter language %j → interpreterLanguageInvalid',
    (interpreterLanguage) => {
      expectOnlyError(minimal({ interpreterNeeded: 'true', interpreterLanguage }), 'interpreterLanguage', 'intake.error.interpreterLanguageInvalid');
    },
  );

  it.each([undefined, '', ' , '])('topics %j → topicsRequired', (topics) => {
    expectOnlyError(minimal({ topics }), 'topics', 'intake.error.topicsRequired');
  });

  it.each(['housing,visa', 'Housing', 'housing,housing', 'housing;health'])('topics %j → topicsInvalid', (topics) => {
    expectOnlyError(minimal({ topics }), 'topics', 'intake.error.topicsInvalid');
  });

  it('topics sent as an array (not what a card sends) → topicsRequired', () => {
    expectOnlyError(minimal({ topics: ['housing'] }), 'topics', 'intake.error.topicsRequired');
  });

  it('description too long → descriptionTooLong', () => {
    expectOnlyError(minimal({ description: 'd'.repeat(INTAKE_DESCRIPTION_MAX + 1) }), 'description', 'intake.error.descriptionTooLong');
  });

  it.each(['amina', 'amina@', '@example.com', 'amina@example', 'a b@example.com', `${'a'.repeat(250)}@example.com`])(
    'e-mail %j → emailInvalid',
    (email) => {
      expectOnlyError(minimal({ email }), 'email', 'intake.error.emailInvalid');
    },
  );

  it.each(['12345', '040 abc 4567', '040+1234567', '1'.repeat(21), '+358 40 1234567 ext. 5', '0401234567!'])(
    'phone %j → phoneInvalid',
    (phone) => {
      expectOnlyError(minimal({ phone }), 'phone', 'intake.error.phoneInvalid');
    },
  );

  it.each(['maybe', 'on', true, 1])('toggle value %j → choiceInvalid', (value) => {
    expectOnlyError(minimal({ consentShare: value }), 'consentShare', 'intake.error.choiceInvalid');
    expectOnlyError(minimal({ contactTeams: value }), 'contactTeams', 'intake.error.choiceInvalid');
    expectOnlyError(minimal({ interpreterNeeded: value }), 'interpreterNeeded', 'intake.error.choiceInvalid');
  });

  it('rejects an unknown key as a form error, and writes nothing', () => {
    expectOnlyError(minimal({ henkilotunnus: '131052-308T' }), 'form', 'intake.error.unknownField');
    expectOnlyError(minimal({ msteams: { type: 'task/fetch' } }), 'form', 'intake.error.unknownField');
  });

  it.each([undefined, 'neuvo.setLanguage', 'neuvo.intake.submit '])('rejects the verb %j as a form error', (verb) => {
    expectOnlyError(minimal({ verb }), 'form', 'intake.error.unknownField');
  });

  it.each([null, undefined, 'name=Amina', 42, [minimal()]])('rejects data that is not an object (%j)', (data) => {
    expect(errorsOf(data)).toEqual({ ok: false, errors: { form: 'intake.error.unknownField' }, values: {} });
  });

  it('reports every wrong field at once', () => {
    const result = errorsOf(minimal({ name: '', municipality: 'x', topics: '', email: 'x', phone: 'x' }));
    expect(result.errors).toEqual({
      name: 'intake.error.nameRequired',
      municipality: 'intake.error.municipalityRequired',
      topics: 'intake.error.topicsRequired',
      email: 'intake.error.emailInvalid',
      phone: 'intake.error.phoneInvalid',
    });
  });

  it('uses only keys that exist in every catalog, on known fields or the form', () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      for (const key of INTAKE_ERROR_KEYS) expect(catalogOf(lang)[key], `${lang} ${key}`).toBeTruthy();
    }
  });
});

describe('parseIntakeSubmission: personal identity codes are never collected', () => {
  it.each(['131052-308T', '131052-308t', '010594Y9032', '020301A123A', '020301B123A', '311299+1234', '010101-123N'])(
    'recognizes %s as an identity code',
    (code) => {
      expect(containsPersonalIdentityCode(`my code ${code}.`)).toBe(true);
    },
  );

  it.each(['040 123 4567', '+358 40 1234567', '131052', '2024-01-01', 'FI21 1234 5600 0007 85', '321299-1234', '011399-1234', '1310522-308T'])(
    'does not mistake %s for an identity code',
    (text) => {
      expect(containsPersonalIdentityCode(text)).toBe(false);
    },
  );

  it('rejects one in the name with its own error, and drops it from the refill value', () => {
    const result = errorsOf(minimal({ name: 'Amina 131052-308T' }));
    expect(result.errors).toEqual({ name: 'intake.error.identityCodeNotAllowed' });
    expect(result.values.name).toBe('Amina ');
  });

  it('rejects one in the description, even when the description is also too long', () => {
    expectOnlyError(minimal({ description: 'My hetu is 131052-308T, please help.' }), 'description', 'intake.error.identityCodeNotAllowed');
    const long = `131052-308T ${'d'.repeat(INTAKE_DESCRIPTION_MAX)}`;
    expectOnlyError(minimal({ description: long }), 'description', 'intake.error.identityCodeNotAllowed');
  });

  it('rejects one typed into the phone or e-mail field', () => {
    expectOnlyError(minimal({ phone: '131052-3081' }), 'phone', 'intake.error.identityCodeNotAllowed');
    expectOnlyError(minimal({ email: '131052-308t@example.com' }), 'email', 'intake.error.identityCodeNotAllowed');
  });
});

describe('parseIntakeSubmission: values for refilling the card', () => {
  it('keeps what was submitted, as strings, for known inputs only', () => {
    const data = full({ email: 'not-an-email', extra: 'x' });
    const result = errorsOf(data);
    expect(Object.keys(result.values).sort()).toEqual([...INTAKE_FIELD_IDS].sort());
    expect(result.values).toMatchObject({
      name: '  Oksana K.  ',
      municipality: 'kontiolahti',
      topics: 'kela_benefits,residence_permit,housing',
      email: 'not-an-email',
      interpreterNeeded: 'true',
      // Carriage returns are control characters; the line break itself stays.
      description: 'I need help with the housing allowance.\nAnd my permit.',
    });
    expect(result.values).not.toHaveProperty('extra');
  });

  it('caps every value and never returns objects', () => {
    const result = errorsOf(
      minimal({
        name: 'N'.repeat(10_000),
        description: 'd'.repeat(10_000),
        email: `${'e'.repeat(10_000)}@example.com`,
        phone: '1'.repeat(10_000),
        municipality: 'm'.repeat(10_000),
        topics: 'housing,'.repeat(10_000),
        consentShare: { nested: true },
        contactTeams: ['true'],
        interpreterNeeded: true,
      }),
    );
    expect(result.values.name).toHaveLength(INTAKE_NAME_MAX);
    expect(result.values.description).toHaveLength(INTAKE_DESCRIPTION_MAX);
    expect(result.values.email).toHaveLength(254);
    expect(result.values.phone).toHaveLength(30);
    expect(result.values.municipality!.length).toBeLessThanOrEqual(64);
    expect(result.values.topics!.length).toBeLessThanOrEqual(200);
    expect(result.values.interpreterNeeded).toBe('true');
    expect(result.values).not.toHaveProperty('consentShare');
    expect(result.values).not.toHaveProperty('contactTeams');
  });

  it('does not cut an emoji in half at the limit', () => {
    const name = `${'N'.repeat(INTAKE_NAME_MAX - 1)}😀`;
    expect(errorsOf(minimal({ name, topics: '' })).values.name).toBe('N'.repeat(INTAKE_NAME_MAX - 1));
  });

  it('replaces control characters in one-line values, keeps line breaks in the description', () => {
    const result = errorsOf(minimal({ name: 'A\u0000B', description: 'one\ntwo\u0007', topics: '' }));
    expect(result.values.name).toBe('A B');
    expect(result.values.description).toBe('one\ntwo');
  });
});
