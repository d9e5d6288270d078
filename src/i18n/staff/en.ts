/**
 * Staff catalog, English: the reference. Its keys define {@link StaffMessageKey}; fi and sv are
 * typed as {@link StaffMessages}, so a missing or extra key fails to compile.
 *
 * Staff texts are for advisers and coordinators at work: short and plain, but they may use the
 * service's own terms (GLOSSARY.md). Placeholders are `{name}`, the same names in every language
 * (checked in tests). Command words in the help texts are what the bot matches.
 */
export const staffEn = {
  'myDay.title': 'My day: {date}',
  'myDay.empty': 'You have no appointments on this day.',
  'myDay.time': '{start}–{end}',
  'myDay.client': 'Client: {name}',
  'myDay.clientUnknown': 'Client: (not available)',
  'myDay.service': 'Service: {service}',
  'myDay.language': 'Language: {language}',
  'myDay.interpreter': 'Interpreter: {language}',
  'myDay.noInterpreter': 'No interpreter',
  'myDay.topics': 'Topics: {topics}',
  'myDay.meetingPending': 'The Teams meeting is not ready yet.',
  'myDay.join': 'Join the meeting',
  'myDay.previous': 'Previous day',
  'myDay.next': 'Next day',
  'myDay.today': 'Today',
  'myDay.hours': 'Working hours',
  'myDay.absences': 'Absences',
  'myDay.timeZone': 'Times are Finnish time.',
  'service.guidance': 'Guidance and counselling',
  'weekday.1': 'Monday',
  'weekday.2': 'Tuesday',
  'weekday.3': 'Wednesday',
  'weekday.4': 'Thursday',
  'weekday.5': 'Friday',
  'weekday.6': 'Saturday',
  'weekday.7': 'Sunday',
  'hours.title': 'Working hours',
  'hours.intro':
    'Clients can book guidance appointments within these hours (Finnish time). Leave a row empty if you do not work then. Weekends and public holidays are never offered.',
  'hours.from': 'From',
  'hours.to': 'To',
  'hours.save': 'Save working hours',
  'hours.saved': 'Your working hours are saved.',
  'hours.error.summary': 'Some hours are not right. Nothing was saved. Please check the messages below.',
  'hours.error.incomplete': 'Give both the start and the end time.',
  'hours.error.time_format': 'Use a time from 00:00 to 23:59.',
  'hours.error.start_not_before_end': 'The start must be before the end.',
  'hours.error.overlap': 'The periods of one day must not overlap.',
  'hours.error.too_many_periods': 'A day can have at most {max} periods.',
  'hours.error.weekday': 'This weekday is not valid.',
  'absences.title': 'Absences',
  'absences.intro': 'Clients cannot book times with you while you are absent. Appointments already booked are not moved.',
  'absences.upcoming': 'Your upcoming absences',
  'absences.none': 'You have no upcoming absences.',
  'absences.remove': 'Remove',
  'absences.add.heading': 'Add an absence',
  'absences.fromDate': 'First day',
  'absences.toDate': 'Last day (optional)',
  'absences.fromTime': 'Start time (optional)',
  'absences.toTime': 'End time (optional)',
  'absences.help': 'Without times, the absence covers whole days.',
  'absences.add': 'Add the absence',
  'absences.added': 'The absence is added.',
  'absences.addedWithBookings':
    'The absence is added. You already have {count} appointment(s) in this time. They are not moved: please contact the clients or ask a colleague.',
  'absences.removed': 'The absence is removed.',
  'absences.notFound': 'This absence was not found. It may already be removed.',
  'absences.error.summary': 'The absence was not added. Please check the messages below.',
  'absences.error.required': 'Choose the first day.',
  'absences.error.format': 'Check this date or time.',
  'absences.error.end_not_after_start': 'The absence must end after it starts.',
  'absences.error.in_past': 'The absence cannot be in the past.',
  'absences.error.too_long': 'An absence can be at most {max} days long.',
  'action.myDay': 'My day',
  'mailbox.title': "Advisers' Outlook mailboxes",
  'mailbox.intro':
    "Neuvo reads the busy time of the adviser's Outlook calendar when it offers times to clients. Give the mailbox as its user name (UPN), for example aino.adviser@joensuu.fi.",
  'mailbox.entry': '{name}: {mailbox}',
  'mailbox.notSet': 'not set',
  'mailbox.adviser': 'Adviser',
  'mailbox.adviserPlaceholder': 'Choose an adviser',
  'mailbox.upn': 'Mailbox (UPN)',
  'mailbox.upnHelp': 'Leave this empty to stop reading Outlook for this adviser.',
  'mailbox.save': 'Save',
  'mailbox.saved': 'Saved: {name} now uses the mailbox {mailbox}.',
  'mailbox.cleared': 'Saved: Outlook is no longer read for {name}.',
  'mailbox.none': 'There are no active advisers.',
  'mailbox.error.invalid': 'Write the mailbox as a user name, for example aino.adviser@joensuu.fi.',
  'mailbox.error.adviser': 'Choose an adviser from the list.',
  'staff.notAllowed': 'Sorry, only {role} can do this.',
  'role.adviser': 'advisers',
  'role.coordinator': 'coordinators',
} as const;

/** Every staff message key; the English catalog is the source of truth. */
export type StaffMessageKey = keyof typeof staffEn;

/** Shape every staff catalog must satisfy: exactly the English keys, each a string. */
export type StaffMessages = { readonly [K in StaffMessageKey]: string };

type PlaceholdersIn<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | PlaceholdersIn<Rest> : never;

/** Placeholder names a key needs, read from the English text at compile time. */
export type StaffMessageParamName<K extends StaffMessageKey> = PlaceholdersIn<(typeof staffEn)[K]>;
