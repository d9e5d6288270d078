import { CONTACT_CHOICE_FIELDS, type ContactChoiceField, type FormDefinition } from '../../domain/register/form-definition.js';
import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { withoutEmptyInputValues } from '../adviser/staff-format.js';
import { ADD_FORM_OPTION, RETIRE_FORM_OPTION } from '../verbs.js';
import formOptionsCardJson from './form-options-card.json' with { type: 'json' };

export type FormOptionsError = 'bad_code' | 'duplicate_code' | 'empty_label' | 'unknown_option' | 'conflict';

export interface FormOptionsCardViewModel {
  readonly lang: StaffLanguage;
  readonly form: FormDefinition;
  readonly savedVersion?: number;
  readonly error?: FormOptionsError;
  /** What the coordinator typed, kept after a refusal. */
  readonly values?: { readonly field?: string; readonly code?: string; readonly fi?: string; readonly sv?: string; readonly en?: string };
}

const expand = compileCardTemplate<Record<string, unknown>>('form-options', formOptionsCardJson);

/**
 * The coordinator's view of the contact-log form: each list's options (code and label in the
 * staff language, retired ones marked) with "Retire", and a form to add an option in fi, sv and
 * en. Pure.
 */
export function renderFormOptionsCard(vm: FormOptionsCardViewModel): CardAttachment {
  const { lang, form } = vm;
  const heading = (field: ContactChoiceField) => staffText(lang, `formOptions.field.${field}`);
  return withoutEmptyInputValues(
    expand({
      lang,
      title: staffText(lang, 'formOptions.title', { version: form.version }),
      intro: staffText(lang, 'formOptions.intro'),
      goodLines: vm.savedVersion === undefined ? [] : [{ text: staffText(lang, 'formOptions.saved', { version: vm.savedVersion }) }],
      errorLines: vm.error === undefined ? [] : [{ text: staffText(lang, `formOptions.error.${vm.error}`) }],
      fields: CONTACT_CHOICE_FIELDS.map((field) => ({
        heading: heading(field),
        options: form.options[field]
          .filter((o) => o.retired !== true)
          .map((o) => ({
            text: staffText(lang, 'formOptions.option', { code: o.code, label: o.labels[lang] }),
            retireLabel: staffText(lang, 'formOptions.retire'),
            retireVerb: RETIRE_FORM_OPTION,
            field,
            code: o.code,
          })),
        retiredOptions: form.options[field].filter((o) => o.retired === true).map((o) => ({ text: staffText(lang, 'formOptions.retired', { code: o.code, label: o.labels[lang] }) })),
      })),
      addTitle: staffText(lang, 'formOptions.addTitle'),
      fieldLabel: staffText(lang, 'formOptions.fieldLabel'),
      fieldValue: vm.values?.field ?? '',
      fieldChoices: CONTACT_CHOICE_FIELDS.map((field) => ({ title: heading(field), value: field })),
      codeLabel: staffText(lang, 'formOptions.codeLabel'),
      codeValue: vm.values?.code ?? '',
      labelFi: staffText(lang, 'formOptions.labelFi'),
      fiValue: vm.values?.fi ?? '',
      labelSv: staffText(lang, 'formOptions.labelSv'),
      svValue: vm.values?.sv ?? '',
      labelEn: staffText(lang, 'formOptions.labelEn'),
      enValue: vm.values?.en ?? '',
      addLabel: staffText(lang, 'formOptions.add'),
      addVerb: ADD_FORM_OPTION,
    }),
  );
}
