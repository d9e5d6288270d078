/**
 * English catalog. It is the reference: its keys define {@link MessageKey}, and every other
 * catalog is typed as {@link Messages}, so a missing or extra key fails to compile.
 *
 * Writing rules for every catalog (GLOSSARY.md §3, selkokieli): write to the reader directly,
 * short sentences with one point each, everyday words, the next step last. Placeholders are
 * `{name}`; every language must use the same placeholder names for a key (checked in tests).
 * Command words (`help`, `language`) are what the bot matches, so they stay untranslated.
 * Lines are separated by `\n`; `renderMessageCard` shows each line as its own block.
 */
export const en = {
  'welcome.title': 'Welcome to Neuvo',
  'welcome.subtitle': 'International House Joensuu and partner municipalities',
  'welcome.body':
    'Here you can get advice in your own language. You can also book an appointment with an adviser. The service is free.',
  'welcome.languagePrompt': 'Choose your language',
  'welcome.staffBody':
    'Here you can manage guidance appointments, log client contacts and ask an integration expert.',
  'action.help': 'Help',
  'reply.received':
    'Thank you, we got your message. To talk with an adviser, book an appointment in the menu.',
  // Shown with reply.received while it is unclear whether a person reads free-text messages:
  // a vulnerable user may write something urgent into the chat.
  'reply.emergency': 'In an emergency, call 112.',
  'reply.help': 'You can write these words:\n- help: see this help\n- language: change the language',
  'error.generic': 'Sorry, something went wrong. Nothing was lost. Please try again a little later.',
  'error.notAllowed': 'Sorry, you cannot do this here. Write help to see what you can do.',
  'error.tooLarge':
    'Sorry, the message or file is too large. Please send a shorter message or a smaller file.',
  'error.invalidInput': 'Sorry, we could not understand this. Please check it and try again.',
  // A card button refused by its action token (ADR 14): used once already, too old, or not this person's / chat's.
  'card.action.used': 'This button was already used, so nothing more was done. Write help to see what you can do.',
  'card.action.expired': 'This button is too old and no longer works. Nothing was done. Write help to see what you can do.',
  'card.action.invalid': 'This button does not work here. Nothing was done. Write help to see what you can do.',
  'language.changed': 'Language changed to {language}.',
  'language.name': 'English',
  // Intake card (issue 3). Plain and kind: many readers are still learning the language, and
  // optional fields say so in words, because a required-field star means nothing to many of them.
  'intake.title': 'Tell us about your matter',
  'intake.intro': 'Please answer a few questions. This helps us prepare for your appointment.',
  'intake.privacy': 'Only staff who help you see this. Do not write your personal identity code.',
  'intake.name.label': 'Your name or nickname',
  'intake.name.placeholder': 'For example: Amina',
  'intake.municipality.label': 'Which municipality do you live in?',
  'intake.municipality.placeholder': 'Choose a municipality',
  'intake.language.label': 'Which language do you want to use?',
  'intake.interpreterNeeded.label': 'Interpreter',
  'intake.interpreterNeeded.title': 'I need an interpreter',
  'intake.interpreterLanguage.label': 'Which language should the interpreter speak?',
  'intake.interpreterLanguage.placeholder': 'For example: Tigrinya',
  'intake.interpreterLanguage.help': 'Write this only if you need an interpreter.',
  'intake.topics.label': 'What do you need help with? You can choose more than one.',
  'intake.description.label': 'Tell us a little about your matter (optional)',
  'intake.description.placeholder': 'You can write up to {max} characters.',
  'intake.contact.heading': 'How can we contact you? (optional)',
  'intake.contact.headingWeb': 'How can we contact you?',
  'intake.contactTeams.label': 'Teams',
  'intake.contactTeams.title': 'You can contact me here in Teams',
  'intake.email.label': 'E-mail (optional)',
  'intake.email.placeholder': 'name@example.com',
  'intake.email.requiredLabel': 'E-mail (we send the meeting link here)',
  'intake.phone.label': 'Phone number (optional)',
  'intake.phone.placeholder': '040 123 4567',
  'intake.consentShare.label': 'Sharing (optional)',
  // Consent is for optional sharing only; the lawful basis of the service is statutory (DESIGN.md).
  'intake.consentShare.title':
    'You may share my information with the services you send me to, for example Kela. I can cancel this at any time.',
  'intake.submit': 'Send',
  'intake.error.summary': 'Some information is missing or wrong. Please check the messages in the form.',
  'intake.error.nameRequired': 'Please write your name or nickname.',
  'intake.error.nameTooLong': 'The name is too long. Please write a shorter name.',
  'intake.error.nameInvalid': 'The name has characters we cannot use. Please write it again.',
  'intake.error.municipalityRequired': 'Please choose your municipality from the list.',
  'intake.error.languageRequired': 'Please choose a language from the list.',
  'intake.error.interpreterLanguageRequired': 'Please write which language the interpreter should speak.',
  'intake.error.interpreterLanguageInvalid': 'Please write only the name of the language, with letters.',
  'intake.error.topicsRequired': 'Please choose at least one topic.',
  'intake.error.topicsInvalid': 'Please choose the topics from the list.',
  'intake.error.descriptionTooLong': 'The text is too long. You can write up to {max} characters.',
  'intake.error.emailInvalid': 'Please check the e-mail address. It should look like name@example.com.',
  'intake.error.emailRequired': 'Please write your e-mail address. We send the meeting link to it.',
  'intake.error.phoneInvalid': 'Please check the phone number. Use only numbers, for example 040 123 4567.',
  'intake.error.identityCodeNotAllowed':
    'Please do not write your personal identity code. We do not need it, so we took it out.',
  'intake.error.choiceInvalid': 'Please choose again.',
  'intake.error.unknownField': 'The form had something we did not expect. Please check it and send it again.',
  'intake.summary.title': 'Thank you. We got your information.',
  'intake.summary.topics': 'You need help with:',
  'intake.summary.municipality': 'Municipality: {municipality}',
  'intake.summary.nextStep': 'Next, choose a time for your appointment.',
  'intake.summary.book': 'Book an appointment',
  // Topic labels: GLOSSARY.md §2a (proposed wording).
  'topic.residence_permit': 'Residence permit',
  'topic.work_jobseeking': 'Work and job seeking',
  'topic.studies_language': 'Studies and language courses',
  'topic.housing': 'Housing',
  'topic.kela_benefits': 'Kela benefits',
  'topic.health': 'Health services',
  'topic.family_children': 'Family and children',
  'topic.registration_everyday': 'Registration and everyday matters (DVV, bank, tax card)',
  'topic.other': 'Other',
  // Booking cards: slot choice, confirmation, cancellation. Button words: GLOSSARY.md §3.
  'booking.slots.title': 'Choose a time',
  'booking.slots.none': 'No free times right now. Please try again tomorrow.',
  'booking.slots.taken': 'Someone else just booked that time. Please choose another time.',
  'booking.slots.notOffered': 'That time is no longer free. Please choose another time.',
  'booking.slots.more': 'Show later times',
  'booking.confirmed.title': 'Your appointment is booked',
  'booking.confirmed.when': 'Time: {time}',
  'booking.confirmed.linkLater': 'We will send the meeting link here in this chat before the appointment.',
  'booking.confirmed.linkByEmail': 'We will send the meeting link to your e-mail. You can join from the browser on your phone or computer.',
  'booking.join': 'Join the meeting',
  'booking.cancel': 'Cancel the appointment',
  'booking.cancelled.title': 'Your appointment is cancelled.',
  'booking.noShow.title': 'You missed your appointment. Please book a new time.',
  'booking.bookNew': 'Book a new time',
  'booking.start': 'Book an appointment',
  'booking.notFound': 'We could not find this appointment.',
  'booking.reminder': 'Reminder: you have a guidance appointment on {time}.',
  'booking.meetingReady': 'The link to your appointment is ready: {url}',
  'booking.linkReady.title': 'The link to your appointment is ready',
  'email.confirmation.subject': 'Your guidance appointment is booked',
  'email.confirmation.greeting': 'Hello,',
  'email.confirmation.when': 'Your appointment is on {time}.',
  'email.confirmation.join': 'Join the meeting',
  'email.confirmation.browser': 'You can join in a web browser. You do not need the Teams app.',
  'email.confirmation.contact': 'To cancel the appointment or change the time, please contact the service.',
  // Booking mails beyond the confirmation (issue 3): reminders for clients without Teams, a moved
  // time, a cancelled appointment. They reuse email.confirmation.greeting / .join / .browser /
  // .contact; the time is the only personal detail in them.
  'email.reminder.subject': 'Reminder: your guidance appointment',
  'email.reminder.when': 'You have a guidance appointment on {time}.',
  'email.reminder.linkLater': 'We will send you the meeting link by e-mail when it is ready.',
  'email.moved.subject': 'Your guidance appointment has a new time',
  'email.moved.when': 'Your new time is {time}.',
  'email.moved.newLink': 'The meeting link is new. The old link does not work. Use this link:',
  'email.cancelled.subject': 'Your guidance appointment is cancelled',
  'email.cancelled.when': 'Your appointment on {time} is cancelled.',
  'email.cancelled.bookNew': 'If you need advice, you can book a new time.',
  'booking.reschedule': 'Change the time',
  'booking.reschedule.title': 'Choose a new time',
  'booking.rescheduled.title': 'Your appointment is moved',
  // Public booking page (/book), for clients without Teams.
  'public.title': 'Book a guidance appointment',
  'public.loading': 'Please wait…',
  'public.error.network': 'We could not reach the service. Please check your internet connection and try again.',
  'public.error.sessionExpired': 'Your time on this page ran out. Please fill in the form again.',
  'public.error.tooMany': 'Too many tries in a short time. Please wait a minute and try again.',
  'public.noScript': 'This page needs JavaScript. Please turn it on in your browser.',
} as const;

/** Every message key; the English catalog is the source of truth. */
export type MessageKey = keyof typeof en;

/** Shape every catalog must satisfy: exactly the English keys, each a string. */
export type Messages = { readonly [K in MessageKey]: string };

/** Placeholder names in a template string, e.g. `'Hi {name}'` → `'name'`. */
type PlaceholdersIn<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | PlaceholdersIn<Rest>
  : never;

/** Placeholder names a key needs, read from the English text at compile time. */
export type MessageParamName<K extends MessageKey> = PlaceholdersIn<(typeof en)[K]>;
