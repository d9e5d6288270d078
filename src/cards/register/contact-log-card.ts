import { NOTES_MAX_LENGTH, type Contact, type ContactDetails, type ContactFieldError } from '../../domain/register/contact.js';
import { offeredCodes, optionLabel, type ContactChoiceField, type FormDefinition } from '../../domain/register/form-definition.js';
import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { helsinkiClock, helsinkiDate, withoutEmptyInputValues } from '../adviser/staff-format.js';
import { LOG_CONTACT } from '../verbs.js';
import contactLogCardJson from './contact-log-card.json' with { type: 'json' };

export interface ContactLogCardViewModel {
  readonly lang: StaffLanguage;
  readonly bookingId: string;
  /** The booked start: the card names the meeting by its date and time, never by the client. */
  readonly bookedStart: Date;
  readonly noShow: boolean;
  readonly form: FormDefinition;
  readonly associations: readonly { readonly id: string; readonly name: string }[];
  /** Prefilled from the booking and the meeting events, or as the adviser typed them. */
  readonly values: ContactDetails;
  readonly errors?: readonly ContactFieldError[];
  /** After saving: the card shows what was saved, without inputs. */
  readonly saved?: Contact;
  /** Someone (the side panel, another click) logged it first: shown, not overwritten. */
  readonly alreadyLogged?: Contact;
  /** The booking was cancelled meanwhile. */
  readonly gone?: boolean;
}

interface Line {
  readonly text: string;
}
interface Choice {
  readonly title: string;
  readonly value: string;
}

const expand = compileCardTemplate<Record<string, unknown>>('contact-log', contactLogCardJson);

/**
 * The adviser's "log this contact" card, sent when a meeting ends with nothing logged. Prefilled
 * (channel, start, duration, language, interpreter, the booking's topics), saved with
 * {@link LOG_CONTACT} as an Action.Execute, so the answer replaces the card in place: the same
 * card with its errors (values kept), or the saved summary. Options come from the contact-log
 * form in force (data, not code). Pure.
 */
export function renderContactLogCard(vm: ContactLogCardViewModel): CardAttachment {
  const { lang, form, values } = vm;
  const day = helsinkiDate(vm.bookedStart, lang);
  const time = helsinkiClock(vm.bookedStart, lang);
  const done = vm.saved ?? vm.alreadyLogged;
  const choices = (field: ContactChoiceField, stored: readonly string[]): Choice[] => {
    // Offered options, plus any stored one since retired, so a prefilled value never vanishes.
    const codes = [...new Set([...offeredCodes(form, field), ...stored.filter((code) => code !== '')])];
    return codes.map((code) => ({ title: optionLabel(form, field, code, lang), value: code }));
  };
  const authorityCodes = values.referrals.flatMap((r) => (r.kind === 'authority' ? [r.code] : []));
  const referralChoices: Choice[] = [
    ...choices('authorities', authorityCodes).map((c) => ({ ...c, value: `authority:${c.value}` })),
    ...vm.associations.map((a) => ({ title: staffText(lang, 'contactCard.association', { name: a.name }), value: `association:${a.id}` })),
  ];
  const referralsValue = values.referrals.map((r) => (r.kind === 'authority' ? `authority:${r.code}` : `association:${r.associationId}`)).join(',');
  const summary = (contact: Contact) => ({
    topics: contact.topics.map((code) => optionLabel(form, 'topics', code, lang)).join(', '),
    outcome: optionLabel(form, 'outcome', contact.outcome, lang),
  });

  return withoutEmptyInputValues(
    expand({
      lang,
      title: staffText(lang, 'contactCard.title'),
      intro: staffText(lang, vm.noShow ? 'contactCard.noShowIntro' : 'contactCard.intro', { date: day, time }),
      goodLines: vm.saved ? [{ text: staffText(lang, 'contactCard.saved', summary(vm.saved)) }] : [],
      infoLines: vm.alreadyLogged ? [{ text: staffText(lang, 'contactCard.alreadyLogged', summary(vm.alreadyLogged)) }] : [],
      errorLines: errorLines(lang, vm),
      forms:
        done || vm.gone
          ? []
          : [
              {
                topicsLabel: staffText(lang, 'contactCard.topics'),
                topicsError: staffText(lang, 'contactCard.error.topics'),
                topicsValue: values.topics.join(','),
                topicChoices: choices('topics', values.topics),
                servicesLabel: staffText(lang, 'contactCard.services'),
                servicesValue: values.services.join(','),
                serviceChoices: choices('services', values.services),
                referralsLabel: staffText(lang, 'contactCard.referrals'),
                referralsValue,
                referralChoices,
                outcomeLabel: staffText(lang, 'contactCard.outcome'),
                outcomeValue: values.outcome,
                outcomeChoices: choices('outcome', [values.outcome]),
                durationLabel: staffText(lang, 'contactCard.duration'),
                durationValue: values.durationMinutes,
                durationError: staffText(lang, 'contactCard.error.duration'),
                outcomeError: staffText(lang, 'contactCard.error.outcome'),
                followUpLabel: staffText(lang, 'contactCard.followUp'),
                followUpValue: values.followUpOn ?? '',
                interpreterLabel: staffText(lang, 'contactCard.interpreter'),
                interpreterValue: String(values.interpreterUsed),
                notesLabel: staffText(lang, 'contactCard.notes'),
                notesMax: NOTES_MAX_LENGTH,
                notesValue: values.notes,
                notesHelp: staffText(lang, 'contactCard.notesHelp'),
                saveLabel: staffText(lang, 'contactCard.save'),
                saveVerb: LOG_CONTACT,
                bookingId: vm.bookingId,
                channel: values.channel,
                startedAt: values.startedAt.toISOString(),
                language: values.language,
              },
            ],
    }),
  );
}

function errorLines(lang: StaffLanguage, vm: ContactLogCardViewModel): Line[] {
  if (vm.gone) return [{ text: staffText(lang, 'contactCard.error.gone') }];
  const lines = new Set<string>();
  for (const error of vm.errors ?? []) {
    if (error.field === 'topics' && error.code === 'required') lines.add(staffText(lang, 'contactCard.error.topics'));
    else if (error.field === 'outcome' && error.code === 'required') lines.add(staffText(lang, 'contactCard.error.outcome'));
    else if (error.field === 'durationMinutes') lines.add(staffText(lang, 'contactCard.error.duration'));
    else if (error.field === 'followUpOn') lines.add(staffText(lang, 'contactCard.error.followUp'));
    else if (error.field === 'notes') lines.add(staffText(lang, 'contactCard.error.notes', { max: NOTES_MAX_LENGTH }));
    else lines.add(staffText(lang, 'contactCard.error.options'));
  }
  return [...lines].map((text) => ({ text }));
}
