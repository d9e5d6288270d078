import { INTAKE_DESCRIPTION_MAX, INTAKE_NAME_MAX } from '../../domain/intake/intake.js';
import { TOPIC_CODES } from '../../domain/intake/topics.js';
import type { Municipality } from '../../domain/municipality.js';
import type { LanguageCode } from '../../domain/staff/staff.js';
import { isRightToLeft, municipalityName, SUPPORTED_LOCALES, t, type MessageKey } from '../../i18n/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { INTAKE_SUBMIT } from '../verbs.js';
import intakeCardJson from './intake-card.json' with { type: 'json' };
import {
  INTAKE_EMAIL_MAX,
  INTAKE_FORM_ERROR,
  INTAKE_PHONE_MAX,
  INTERPRETER_LANGUAGE_MAX,
  type IntakeErrorKey,
  type IntakeFieldId,
  type IntakeFormErrors,
  type IntakeFormValues,
} from './intake-submission.js';

/**
 * What the intake card shows. `values` and `errors` come from a failed
 * {@link import('./intake-submission.js').parseIntakeSubmission}: the same card comes back with
 * what the person wrote and one message under each field that needs a change.
 */
export interface IntakeCardViewModel {
  /** Language of the card's texts (the person's saved choice or resolved Teams locale). */
  readonly lang: LanguageCode;
  /** Municipalities to choose from (partners + configured), in the order to show them. */
  readonly municipalities: readonly Municipality[];
  readonly values?: IntakeFormValues;
  readonly errors?: IntakeFormErrors;
  /**
   * Where the card is shown. `web` (the public booking page): no "contact me in Teams" toggle,
   * and the e-mail address is required because the meeting link goes there. Default `teams`.
   */
  readonly channel?: 'teams' | 'web';
}

interface TextLine {
  readonly text: string;
}

interface Choice {
  readonly title: string;
  readonly value: string;
}

/** One input's texts. `errors` is a list of 0 or 1 so the template can drop it with `$data` (see below). */
interface FieldView {
  readonly label: string;
  readonly placeholder: string;
  readonly value: string;
  /** Only Input.Text reads it; choice sets pass 0. */
  readonly maxLength: number;
  readonly requiredMessage: string;
  readonly errors: readonly TextLine[];
}

interface ToggleView {
  readonly label: string;
  readonly title: string;
  readonly value: 'true' | 'false';
  readonly errors: readonly TextLine[];
}

/**
 * The JSON template's `$root`. Optional blocks are lists, not `$when`: adaptivecards-templating
 * 2.3 reports a `$when` that is false as an expansion warning, which `compileCardTemplate` treats
 * as a bug; an empty `$data` list drops the element silently.
 */
interface IntakeTemplateData {
  readonly lang: LanguageCode;
  readonly rtl: boolean;
  readonly title: string;
  readonly intro: string;
  readonly privacy: string;
  readonly summaryErrors: readonly TextLine[];
  readonly name: FieldView;
  readonly municipality: FieldView;
  readonly municipalityChoices: readonly Choice[];
  readonly language: FieldView;
  readonly languageChoices: readonly Choice[];
  readonly interpreterNeeded: ToggleView;
  readonly interpreterLanguage: FieldView & { readonly help: string };
  readonly topics: FieldView;
  readonly topicChoices: readonly Choice[];
  readonly description: FieldView;
  readonly contactHeading: string;
  readonly contactTeams: ToggleView;
  /** 0 or 1 toggle: only Teams users can be contacted in Teams. */
  readonly contactTeamsToggles: readonly ToggleView[];
  readonly email: FieldView;
  /** Exactly one of these two holds the e-mail input (a template cannot omit `isRequired`). */
  readonly optionalEmail: readonly FieldView[];
  readonly requiredEmail: readonly FieldView[];
  readonly phone: FieldView;
  readonly consentShare: ToggleView;
  readonly formErrors: readonly TextLine[];
  readonly submitLabel: string;
  readonly submitVerb: typeof INTAKE_SUBMIT;
}

const expandIntakeCard = compileCardTemplate<IntakeTemplateData>('intake', intakeCardJson);

/** Language choices show each language in its own name, like the welcome card's picker. */
const LANGUAGE_CHOICES: readonly Choice[] = SUPPORTED_LOCALES.map(({ lang, endonym }) => ({ title: endonym, value: lang }));

/**
 * The intake form (issue 3) as an Adaptive Card 1.5: name, municipality, language and interpreter,
 * topics, a short description, optional contact ways and optional sharing consent. Input ids match
 * {@link import('./intake-submission.js').INTAKE_FIELD_IDS}; submit is an `Action.Execute` with
 * verb {@link INTAKE_SUBMIT}, so the bot can replace the card in place (with itself plus errors,
 * or with the redacted summary). `isRequired` and `maxLength` are client-side hints only; the
 * server re-checks everything. Arabic and Dari/Farsi cards are right-to-left. Pure.
 */
export function renderIntakeCard(vm: IntakeCardViewModel): CardAttachment {
  const { lang } = vm;
  const values = vm.values ?? {};
  const errors = vm.errors ?? {};
  const text = (key: MessageKey): string => t(lang, key, { max: INTAKE_DESCRIPTION_MAX });
  const errorLines = (target: IntakeFieldId | typeof INTAKE_FORM_ERROR): TextLine[] => {
    const key: IntakeErrorKey | undefined = errors[target];
    return key === undefined ? [] : [{ text: text(key) }];
  };
  const field = (
    id: IntakeFieldId,
    keys: { label: MessageKey; placeholder?: MessageKey; required?: IntakeErrorKey },
    maxLength: number,
    fallbackValue = '',
  ): FieldView => ({
    label: text(keys.label),
    placeholder: keys.placeholder === undefined ? '' : text(keys.placeholder),
    value: values[id] ?? fallbackValue,
    maxLength,
    requiredMessage: keys.required === undefined ? '' : text(keys.required),
    errors: errorLines(id),
  });
  const toggle = (id: IntakeFieldId, label: MessageKey, title: MessageKey): ToggleView => ({
    label: text(label),
    title: text(title),
    value: values[id] === 'true' ? 'true' : 'false',
    errors: errorLines(id),
  });
  const hasErrors = Object.values(errors).some((key) => key !== undefined);
  const web = vm.channel === 'web';
  const contactTeams = toggle('contactTeams', 'intake.contactTeams.label', 'intake.contactTeams.title');
  const email = web
    ? field('email', { label: 'intake.email.requiredLabel', placeholder: 'intake.email.placeholder', required: 'intake.error.emailRequired' }, INTAKE_EMAIL_MAX)
    : field('email', { label: 'intake.email.label', placeholder: 'intake.email.placeholder' }, INTAKE_EMAIL_MAX);

  return withoutEmptyValues(
    expandIntakeCard({
      lang,
      rtl: isRightToLeft(lang),
      title: text('intake.title'),
      intro: text('intake.intro'),
      privacy: text('intake.privacy'),
      summaryErrors: hasErrors ? [{ text: text('intake.error.summary') }] : [],
      name: field('name', { label: 'intake.name.label', placeholder: 'intake.name.placeholder', required: 'intake.error.nameRequired' }, INTAKE_NAME_MAX),
      municipality: field(
        'municipality',
        { label: 'intake.municipality.label', placeholder: 'intake.municipality.placeholder', required: 'intake.error.municipalityRequired' },
        0,
      ),
      municipalityChoices: vm.municipalities.map((m) => ({ title: municipalityName(m.code, lang, m.name), value: m.code })),
      // Default: the language the card is in, which is usually the one the person reads best.
      language: field('language', { label: 'intake.language.label', required: 'intake.error.languageRequired' }, 0, lang),
      languageChoices: LANGUAGE_CHOICES,
      interpreterNeeded: toggle('interpreterNeeded', 'intake.interpreterNeeded.label', 'intake.interpreterNeeded.title'),
      interpreterLanguage: {
        ...field(
          'interpreterLanguage',
          { label: 'intake.interpreterLanguage.label', placeholder: 'intake.interpreterLanguage.placeholder' },
          INTERPRETER_LANGUAGE_MAX,
        ),
        help: text('intake.interpreterLanguage.help'),
      },
      topics: field('topics', { label: 'intake.topics.label', required: 'intake.error.topicsRequired' }, 0),
      topicChoices: TOPIC_CODES.map((code) => ({ title: text(`topic.${code}`), value: code })),
      description: field(
        'description',
        { label: 'intake.description.label', placeholder: 'intake.description.placeholder' },
        INTAKE_DESCRIPTION_MAX,
      ),
      contactHeading: text(web ? 'intake.contact.headingWeb' : 'intake.contact.heading'),
      contactTeams,
      contactTeamsToggles: web ? [] : [contactTeams],
      email,
      optionalEmail: web ? [] : [email],
      requiredEmail: web ? [email] : [],
      phone: field('phone', { label: 'intake.phone.label', placeholder: 'intake.phone.placeholder' }, INTAKE_PHONE_MAX),
      consentShare: toggle('consentShare', 'intake.consentShare.label', 'intake.consentShare.title'),
      formErrors: errorLines(INTAKE_FORM_ERROR),
      submitLabel: text('intake.submit'),
      submitVerb: INTAKE_SUBMIT,
    }),
  );
}

/**
 * Drops `value: ""` from the inputs. An empty value means the same as none, but the renderer
 * leaves it out when it writes the card back, so keeping it would hide real typos from the
 * renderer round-trip check in the tests; and the templating engine cannot omit a property.
 */
function withoutEmptyValues(card: CardAttachment): CardAttachment {
  const body = card.content.body;
  if (!Array.isArray(body)) return card;
  const cleaned: unknown[] = body.map((element: unknown) => {
    if (typeof element !== 'object' || element === null || !('value' in element) || element.value !== '') return element;
    const { value: _empty, ...rest } = element;
    return rest;
  });
  return { ...card, content: { ...card.content, body: cleaned } };
}
