import { describe, expect, it } from 'vitest';
import { TOPIC_CODES } from '../intake/topics.js';
import { DEFAULT_CONTACT_LOG_FORM, offeredCodes, optionLabel, withAddedOption, withRetiredOption } from './form-definition.js';

const option = { code: 'digital_help', labels: { fi: ' Digituki ', sv: 'Digitalt stöd', en: 'Digital help' } };

describe('the contact-log form as data', () => {
  it('ships every topic code of the glossary, with labels in fi, sv and en', () => {
    expect(offeredCodes(DEFAULT_CONTACT_LOG_FORM, 'topics')).toEqual([...TOPIC_CODES]);
    for (const field of ['channel', 'topics', 'services', 'authorities', 'outcome'] as const) {
      for (const o of DEFAULT_CONTACT_LOG_FORM.options[field]) expect(Object.values(o.labels).every((l) => l.trim().length > 0)).toBe(true);
    }
    expect(optionLabel(DEFAULT_CONTACT_LOG_FORM, 'topics', 'kela_benefits', 'sv')).toBe('FPA:s förmåner');
    expect(optionLabel(DEFAULT_CONTACT_LOG_FORM, 'topics', 'gone', 'fi')).toBe('gone');
  });

  it('adds an option as the next version, labels trimmed, the old version untouched', () => {
    const next = withAddedOption(DEFAULT_CONTACT_LOG_FORM, 'services', option);
    if (typeof next === 'string') throw new Error(next);
    expect(next.version).toBe(2);
    expect(offeredCodes(next, 'services')).toContain('digital_help');
    expect(optionLabel(next, 'services', 'digital_help', 'fi')).toBe('Digituki');
    expect(offeredCodes(DEFAULT_CONTACT_LOG_FORM, 'services')).not.toContain('digital_help');
  });

  it.each([
    ['a code with capitals', { ...option, code: 'Digital' }, 'bad_code'],
    ['a code with a space', { ...option, code: 'digital help' }, 'bad_code'],
    ['an existing code', { ...option, code: 'guidance' }, 'duplicate_code'],
    ['an empty Swedish label', { ...option, labels: { ...option.labels, sv: '  ' } }, 'empty_label'],
  ] as const)('refuses %s', (_name, added, error) => {
    expect(withAddedOption(DEFAULT_CONTACT_LOG_FORM, 'services', added)).toBe(error);
  });

  it('retires an option: no longer offered, still labelled', () => {
    const next = withRetiredOption(DEFAULT_CONTACT_LOG_FORM, 'outcome', 'other');
    if (typeof next === 'string') throw new Error(next);
    expect(offeredCodes(next, 'outcome')).not.toContain('other');
    expect(optionLabel(next, 'outcome', 'other', 'en')).toBe('Other');
    expect(withRetiredOption(DEFAULT_CONTACT_LOG_FORM, 'outcome', 'nope')).toBe('unknown_option');
  });
});
