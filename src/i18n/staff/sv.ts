import type { StaffMessages } from './en.js';

/**
 * Staff catalog, Swedish. GLOSSARY.md marks "handledare" (adviser) and "handledningstid" as
 * unconfirmed; lines using them, and wording we are unsure of, say `// unconfirmed`.
 */
export const staffSv: StaffMessages = {
  'myDay.title': 'Min dag: {date}',
  'myDay.empty': 'Du har inga bokade tider den här dagen.',
  'myDay.time': '{start}–{end}',
  'myDay.client': 'Kund: {name}',
  'myDay.clientUnknown': 'Kund: (inte tillgänglig)',
  'myDay.service': 'Tjänst: {service}',
  'myDay.language': 'Språk: {language}',
  'myDay.interpreter': 'Tolk: {language}',
  'myDay.noInterpreter': 'Ingen tolk',
  'myDay.topics': 'Ärenden: {topics}', // unconfirmed
  'myDay.meetingPending': 'Teams-mötet är inte klart ännu.',
  'myDay.join': 'Anslut till mötet',
  'myDay.previous': 'Föregående dag',
  'myDay.next': 'Nästa dag',
  'myDay.today': 'I dag',
  'myDay.hours': 'Arbetstider',
  'myDay.absences': 'Frånvaro',
  'myDay.timeZone': 'Tiderna är finsk tid.',
  'service.guidance': 'Vägledning och rådgivning',
  'weekday.1': 'Måndag',
  'weekday.2': 'Tisdag',
  'weekday.3': 'Onsdag',
  'weekday.4': 'Torsdag',
  'weekday.5': 'Fredag',
  'weekday.6': 'Lördag',
  'weekday.7': 'Söndag',
  'hours.title': 'Arbetstider',
  // unconfirmed: "handledningstider" (GLOSSARY.md guidance_appointment, proposed).
  'hours.intro':
    'Kunderna kan boka handledningstider inom de här tiderna (finsk tid). Lämna raden tom om du inte arbetar då. Veckoslut och helgdagar erbjuds aldrig.',
  'hours.from': 'Från',
  'hours.to': 'Till',
  'hours.save': 'Spara arbetstiderna',
  'hours.saved': 'Dina arbetstider är sparade.',
  'hours.error.summary': 'Några tider är inte rätt. Ingenting sparades. Kontrollera meddelandena nedan.',
  'hours.error.incomplete': 'Ange både start- och sluttid.',
  'hours.error.time_format': 'Ange en tid mellan 00:00 och 23:59.',
  'hours.error.start_not_before_end': 'Starttiden måste vara före sluttiden.',
  'hours.error.overlap': 'En dags perioder får inte överlappa varandra.', // unconfirmed
  'hours.error.too_many_periods': 'En dag kan ha högst {max} perioder.',
  'hours.error.weekday': 'Veckodagen är inte giltig.',
  'absences.title': 'Frånvaro',
  'absences.intro': 'Kunderna kan inte boka tid hos dig när du är frånvarande. Tider som redan är bokade flyttas inte.',
  'absences.upcoming': 'Din kommande frånvaro',
  'absences.none': 'Du har ingen kommande frånvaro.',
  'absences.remove': 'Ta bort',
  'absences.add.heading': 'Lägg till frånvaro',
  'absences.fromDate': 'Första dagen',
  'absences.toDate': 'Sista dagen (valfritt)',
  'absences.fromTime': 'Starttid (valfritt)',
  'absences.toTime': 'Sluttid (valfritt)',
  'absences.help': 'Utan klockslag gäller frånvaron hela dagar.',
  'absences.add': 'Lägg till frånvaron',
  'absences.added': 'Frånvaron är tillagd.',
  'absences.addedWithBookings':
    'Frånvaron är tillagd. Du har redan bokade tider under den här tiden: {count}. De flyttas inte: kontakta kunderna eller be en kollega om hjälp.', // unconfirmed
  'absences.removed': 'Frånvaron är borttagen.',
  'absences.notFound': 'Frånvaron hittades inte. Den är kanske redan borttagen.',
  'absences.error.summary': 'Frånvaron lades inte till. Kontrollera meddelandena nedan.',
  'absences.error.required': 'Välj första dagen.',
  'absences.error.format': 'Kontrollera datumet eller klockslaget.',
  'absences.error.end_not_after_start': 'Frånvaron måste sluta efter att den har börjat.',
  'absences.error.in_past': 'Frånvaron kan inte ligga bakåt i tiden.', // unconfirmed
  'absences.error.too_long': 'En frånvaro kan vara högst {max} dagar lång.',
  'action.myDay': 'Min dag',
  'mailbox.title': 'Handledarnas Outlook-postlådor', // unconfirmed: "handledare"
  'mailbox.intro':
    'Neuvo läser upptagen tid i handledarens Outlook-kalender när tider erbjuds till kunder. Ange postlådan som användarnamn (UPN), till exempel aino.handledare@joensuu.fi.', // unconfirmed
  'mailbox.entry': '{name}: {mailbox}',
  'mailbox.notSet': 'inte angiven',
  'mailbox.adviser': 'Handledare', // unconfirmed
  'mailbox.adviserPlaceholder': 'Välj handledare', // unconfirmed
  'mailbox.upn': 'Postlåda (UPN)',
  'mailbox.upnHelp': 'Lämna tomt om Outlook inte längre ska läsas för den här handledaren.', // unconfirmed
  'mailbox.save': 'Spara',
  'mailbox.saved': 'Sparat: {name} använder nu postlådan {mailbox}.',
  'mailbox.cleared': 'Sparat: Outlook läses inte längre för {name}.',
  'mailbox.none': 'Det finns inga aktiva handledare.', // unconfirmed
  'mailbox.error.invalid': 'Skriv postlådan som ett användarnamn, till exempel aino.handledare@joensuu.fi.',
  'mailbox.error.adviser': 'Välj en handledare i listan.', // unconfirmed
  'staff.notAllowed': 'Tyvärr kan bara {role} göra detta.',
  'role.adviser': 'handledare', // unconfirmed
  'role.coordinator': 'koordinatorer',
};
