import { NOTES_MAX_LENGTH, type Contact, type ContactDetails, type ContactFieldError } from '../../domain/register/contact.js';
import { offeredCodes, optionLabel, type ContactChoiceField, type FormDefinition } from '../../domain/register/form-definition.js';
import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { helsinkiClock, helsinkiDate, withoutEmptyInputValues } from '../adviser/staff-format.js';
import { LOG_CONTACT } from '../verbs.js';
import contactLogCardJson from './contact-log-card.json' with { type: 'json' };

interface ContactLogCardCommon {
  readonly lang: StaffLanguage;
  readonly form: FormDefinition;
  readonly associations: readonly { readonly id: string; readonly name: string }[];
  /** Prefilled (from the booking and the meeting events, or defaults), or as the adviser typed them. */
  readonly values: ContactDetails;
  readonly errors?: readonly ContactFieldError[];
  /** After saving: the card shows what was saved, without inputs. */
  readonly saved?: Contact;
  /** Someone (the side panel, another click) logged it first: shown, not overwritten. */
  readonly alreadyLogged?: Contact;
  /** The booking was cancelled meanwhile, or the client is no longer in the register. */
  readonly gone?: boolean;
}

/** The card sent when a meeting ends: the contact is the booking's. */
export interface BookingContactLogCardViewModel extends ContactLogCardCommon {
  readonly bookingId: string;
  /** The booked start: the card names the meeting by its date and time, never by the client. */
  readonly bookedStart: Date;
  readonly noShow: boolean;
  readonly clientId?: undefined;
}

/**
 * A contact without a booking (phone, walk-in, e-mail, chat), for a client the adviser picked: the
 * card names the client and asks for the channel; nothing is prefilled from a booking.
 */
export interface ClientContactLogCardViewModel extends ContactLogCardCommon {
  readonly clientId: string;
  /** Personal data the caller has read (audited); the only thing the card tells about the client. */
  readonly clientName: string;
  readonly bookingId?: undefined;
}

export type ContactLogCardViewModel = BookingContactLogCardViewModel | ClientContactLogCardViewModel;

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
  const subject = subjectParts(vm);
  const savedLine = (contact: Contact) =>
    vm.clientId === undefined
      ? staffText(lang, 'contactCard.saved', summary(contact))
      : // The client's name is on the card already; what was handled is not repeated after the save.
        staffText(lang, 'contactCard.client.saved', { name: vm.clientName, channel: optionLabel(form, 'channel', contact.channel, lang) });

  return withoutEmptyInputValues(
    expand({
      lang,
      title: staffText(lang, 'contactCard.title'),
      intro: subject.intro,
      goodLines: vm.saved ? [{ text: savedLine(vm.saved) }] : [],
      infoLines: vm.alreadyLogged ? [{ text: staffText(lang, 'contactCard.alreadyLogged', summary(vm.alreadyLogged)) }] : [],
      errorLines: errorLines(lang, vm),
      forms:
        done || vm.gone
          ? []
          : [
              {
                channelInputs: subject.asksChannel
                  ? [{ label: staffText(lang, 'contactCard.channel'), error: staffText(lang, 'contactCard.error.channel'), value: values.channel, choices: choices('channel', [values.channel]) }]
                  : [],
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
                saveData: { verb: LOG_CONTACT, ...subject.saveData, startedAt: values.startedAt.toISOString(), language: values.language },
              },
            ],
    }),
  );
}

/**
 * What differs between a booking's card and a client's: the intro, whether the channel is asked
 * (a meeting's is known), and the ids in the save action. The booking card carries its channel as
 * data; the client card takes it from its `channel` input, so its data must not hold one.
 */
function subjectParts(vm: ContactLogCardViewModel): { intro: string; asksChannel: boolean; saveData: Record<string, string> } {
  const { lang } = vm;
  if (vm.clientId !== undefined) {
    return { intro: staffText(lang, 'contactCard.client.intro', { name: vm.clientName }), asksChannel: true, saveData: { clientId: vm.clientId } };
  }
  const date = helsinkiDate(vm.bookedStart, lang);
  const time = helsinkiClock(vm.bookedStart, lang);
  return {
    intro: staffText(lang, vm.noShow ? 'contactCard.noShowIntro' : 'contactCard.intro', { date, time }),
    asksChannel: false,
    saveData: { bookingId: vm.bookingId, channel: vm.values.channel },
  };
}

function errorLines(lang: StaffLanguage, vm: ContactLogCardViewModel): Line[] {
  if (vm.gone) return [{ text: staffText(lang, vm.clientId === undefined ? 'contactCard.error.gone' : 'contactCard.client.gone') }];
  const lines = new Set<string>();
  for (const error of vm.errors ?? []) {
    if (error.field === 'topics' && error.code === 'required') lines.add(staffText(lang, 'contactCard.error.topics'));
    else if (error.field === 'outcome' && error.code === 'required') lines.add(staffText(lang, 'contactCard.error.outcome'));
    else if (error.field === 'durationMinutes') lines.add(staffText(lang, 'contactCard.error.duration'));
    else if (error.field === 'followUpOn') lines.add(staffText(lang, 'contactCard.error.followUp'));
    else if (error.field === 'notes') lines.add(staffText(lang, 'contactCard.error.notes', { max: NOTES_MAX_LENGTH }));
    else if (error.field === 'channel' && error.code === 'required') lines.add(staffText(lang, 'contactCard.error.channel'));
    else lines.add(staffText(lang, 'contactCard.error.options'));
  }
  return [...lines].map((text) => ({ text }));
}
