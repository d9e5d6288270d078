import type { Messages } from './en.js';

/**
 * Swedish catalog (lättläst spirit: *du*, short sentences). Terms follow GLOSSARY.md; several
 * Swedish terms there are themselves unconfirmed (handledare, integrationsexpert).
 */
export const sv: Messages = {
  'welcome.title': 'Välkommen till Neuvo',
  'welcome.subtitle': 'International House Joensuu och samarbetskommunerna', // (unconfirmed)
  // "handledare" for adviser is unconfirmed in GLOSSARY.md §1a.
  'welcome.body':
    'Här får du råd på ditt eget språk. Du kan också boka tid hos en handledare. Tjänsten är gratis.',
  'welcome.languagePrompt': 'Välj språk',
  // (unconfirmed) handledningstid, besöksanteckningar and integrationsexpert are proposed terms.
  'welcome.staffBody':
    'Här kan du hantera handledningstider, föra besöksanteckningar och fråga en integrationsexpert.',
  'action.help': 'Hjälp',
  'reply.received':
    'Tack, vi har fått ditt meddelande. Om du vill tala med en handledare, boka tid i menyn.',
  'reply.emergency': 'Ring 112 om det är en nödsituation.',
  'reply.help': 'Du kan skriva de här orden:\n- help: se den här hjälpen\n- language: byt språk',
  'error.generic': 'Tyvärr gick något fel. Ingenting har försvunnit. Försök igen om en stund.',
  'error.notAllowed': 'Tyvärr kan du inte göra detta här. Skriv help för att se vad du kan göra.',
  // "det du skickade" avoids the gender clash of "meddelandet eller filen är för stor/stort".
  'error.tooLarge':
    'Tyvärr är det du skickade för stort. Skicka ett kortare meddelande eller en mindre fil.',
  'error.invalidInput': 'Tyvärr förstod vi inte det här. Kontrollera uppgifterna och försök igen.',
  // A card button refused by its action token (ADR 14): used once already, too old, or not this person's / chat's.
  'card.action.used': 'Den här knappen har redan använts, så ingenting mer gjordes. Skriv help för att se vad du kan göra.',
  'card.action.expired': 'Den här knappen är för gammal och fungerar inte längre. Ingenting gjordes. Skriv help för att se vad du kan göra.',
  'card.action.invalid': 'Den här knappen fungerar inte här. Ingenting gjordes. Skriv help för att se vad du kan göra.',
  // Colon form: Swedish writes language names in lower case inside a sentence ("svenska").
  'language.changed': 'Språket har ändrats: {language}',
  'language.name': 'Svenska',
  'intake.title': 'Berätta om ditt ärende',
  'intake.intro': 'Svara på några frågor. Då kan vi förbereda ditt möte.',
  'intake.privacy': 'Bara de anställda som hjälper dig ser detta. Skriv inte din personbeteckning.',
  'intake.name.label': 'Ditt namn eller smeknamn',
  'intake.name.placeholder': 'Till exempel: Amina',
  'intake.municipality.label': 'I vilken kommun bor du?',
  'intake.municipality.placeholder': 'Välj kommun',
  'intake.language.label': 'Vilket språk vill du använda?',
  'intake.interpreterNeeded.label': 'Tolk',
  'intake.interpreterNeeded.title': 'Jag behöver tolk',
  'intake.interpreterLanguage.label': 'Vilket språk ska tolken tala?',
  'intake.interpreterLanguage.placeholder': 'Till exempel: tigrinska',
  'intake.interpreterLanguage.help': 'Skriv bara om du behöver tolk.',
  'intake.topics.label': 'Vad behöver du hjälp med? Du kan välja flera.',
  'intake.description.label': 'Berätta kort om ditt ärende (frivilligt)',
  'intake.description.placeholder': 'Du kan skriva högst {max} tecken.',
  'intake.contact.heading': 'Hur kan vi kontakta dig? (frivilligt)',
  'intake.contact.headingWeb': 'Hur kan vi kontakta dig?',
  'intake.contactTeams.label': 'Teams',
  'intake.contactTeams.title': 'Ni kan kontakta mig här i Teams',
  'intake.email.label': 'E-post (frivilligt)',
  'intake.email.placeholder': 'namn@exempel.fi',
  'intake.email.requiredLabel': 'E-post (vi skickar länken till mötet hit)', // (unconfirmed)
  'intake.phone.label': 'Telefonnummer (frivilligt)',
  'intake.phone.placeholder': '040 123 4567',
  'intake.consentShare.label': 'Dela uppgifter (frivilligt)',
  // (unconfirmed) "hänvisar mig till" for referral, GLOSSARY.md §1b hänvisning.
  'intake.consentShare.title':
    'Ni får ge mina uppgifter till de tjänster som ni hänvisar mig till, till exempel FPA. Jag kan ta tillbaka detta när som helst.',
  'intake.submit': 'Skicka',
  'intake.error.summary': 'Någon uppgift saknas eller är fel. Läs meddelandena i formuläret.',
  'intake.error.nameRequired': 'Skriv ditt namn eller smeknamn.',
  'intake.error.nameTooLong': 'Namnet är för långt. Skriv ett kortare namn.',
  'intake.error.nameInvalid': 'Namnet har tecken som vi inte kan använda. Skriv namnet igen.',
  'intake.error.municipalityRequired': 'Välj din kommun i listan.',
  'intake.error.languageRequired': 'Välj ett språk i listan.',
  'intake.error.interpreterLanguageRequired': 'Skriv vilket språk tolken ska tala.',
  'intake.error.interpreterLanguageInvalid': 'Skriv bara namnet på språket, med bokstäver.',
  'intake.error.topicsRequired': 'Välj minst ett ämne.',
  'intake.error.topicsInvalid': 'Välj ämnena i listan.',
  'intake.error.descriptionTooLong': 'Texten är för lång. Du kan skriva högst {max} tecken.',
  'intake.error.emailInvalid': 'Kontrollera e-postadressen. Den ska se ut så här: namn@exempel.fi.',
  'intake.error.emailRequired': 'Skriv din e-postadress. Vi skickar länken till mötet dit.', // (unconfirmed)
  'intake.error.phoneInvalid': 'Kontrollera telefonnumret. Använd bara siffror, till exempel 040 123 4567.',
  'intake.error.identityCodeNotAllowed':
    'Skriv inte din personbeteckning. Vi behöver den inte, så vi tog bort den.',
  'intake.error.choiceInvalid': 'Välj igen.',
  'intake.error.unknownField': 'Formuläret hade något konstigt. Kontrollera uppgifterna och skicka igen.',
  'intake.summary.title': 'Tack. Vi har fått dina uppgifter.',
  'intake.summary.topics': 'Du behöver hjälp med:',
  'intake.summary.municipality': 'Kommun: {municipality}',
  'intake.summary.nextStep': 'Välj nu en tid för ditt möte.',
  'intake.summary.book': 'Boka tid',
  'topic.residence_permit': 'Uppehållstillstånd',
  'topic.work_jobseeking': 'Arbete och jobbsökning',
  'topic.studies_language': 'Studier och språkkurser',
  'topic.housing': 'Boende',
  'topic.kela_benefits': 'FPA:s förmåner',
  'topic.health': 'Hälsovårdstjänster',
  'topic.family_children': 'Familj och barn',
  'topic.registration_everyday': 'Registrering och vardag (DVV, bank, skattekort)',
  'topic.other': 'Annat ärende',
  // Knapparnas ord: GLOSSARY.md §3.
  'booking.slots.title': 'Välj en tid',
  'booking.slots.none': 'Det finns inga lediga tider just nu. Försök igen i morgon.',
  'booking.slots.taken': 'Någon annan bokade nyss den tiden. Välj en annan tid.',
  'booking.slots.notOffered': 'Den tiden är inte längre ledig. Välj en annan tid.',
  'booking.slots.more': 'Visa senare tider', // (unconfirmed)
  'booking.confirmed.title': 'Din tid är bokad',
  'booking.confirmed.when': 'Tid: {time}',
  'booking.confirmed.linkLater': 'Vi skickar länken till mötet här i chatten före mötet.',
  'booking.confirmed.linkByEmail': 'Vi skickar länken till mötet till din e-post. Du kan delta via webbläsaren på telefonen eller datorn.', // (unconfirmed)
  'booking.join': 'Anslut till mötet',
  'booking.cancel': 'Avboka tiden',
  'booking.cancelled.title': 'Din tid är avbokad.',
  'booking.noShow.title': 'Du kom inte till mötet. Boka en ny tid.',
  'booking.bookNew': 'Boka en ny tid',
  'booking.start': 'Boka tid',
  'booking.notFound': 'Vi hittade inte den här tiden.',
  'booking.reminder': 'Påminnelse: du har en tid för handledning {time}.', // (unconfirmed)
  'booking.meetingReady': 'Länken till mötet är klar: {url}', // (unconfirmed)
  'booking.linkReady.title': 'Länken till mötet är klar', // (unconfirmed)
  'email.confirmation.subject': 'Din handledningstid är bokad', // (unconfirmed)
  'email.confirmation.greeting': 'Hej,', // (unconfirmed)
  'email.confirmation.when': 'Din tid är {time}.', // (unconfirmed)
  'email.confirmation.join': 'Anslut till mötet',
  'email.confirmation.browser': 'Du kan ansluta i en webbläsare. Du behöver inte Teams-appen.', // (unconfirmed)
  'email.confirmation.contact': 'Om du vill avboka tiden eller byta tid, kontakta tjänsten.', // (unconfirmed)
  'email.reminder.subject': 'Påminnelse: din handledningstid', // (unconfirmed)
  'email.reminder.when': 'Du har en tid för handledning {time}.', // (unconfirmed)
  'email.reminder.linkLater': 'Vi skickar länken till mötet per e-post när den är klar.', // (unconfirmed)
  'email.moved.subject': 'Din handledningstid är ändrad', // (unconfirmed)
  'email.moved.when': 'Din nya tid är {time}.', // (unconfirmed)
  'email.moved.newLink': 'Länken till mötet är ny. Den gamla länken fungerar inte. Använd den här länken:', // (unconfirmed)
  'email.cancelled.subject': 'Din handledningstid är avbokad', // (unconfirmed)
  'email.cancelled.when': 'Din tid {time} är avbokad.', // (unconfirmed)
  'email.cancelled.bookNew': 'Om du behöver råd kan du boka en ny tid.', // (unconfirmed)
  'booking.reschedule': 'Byt tid',
  'booking.reschedule.title': 'Välj en ny tid', // (unconfirmed)
  'booking.rescheduled.title': 'Din tid är ändrad', // (unconfirmed)
  // Public booking page (/book), for clients without Teams.
  'public.title': 'Boka en handledningstid', // (unconfirmed)
  'public.loading': 'Vänta en stund…', // (unconfirmed)
  'public.error.network': 'Vi fick ingen kontakt med tjänsten. Kontrollera internetanslutningen och försök igen.', // (unconfirmed)
  'public.error.sessionExpired': 'Din tid på den här sidan tog slut. Fyll i formuläret igen.', // (unconfirmed)
  'public.error.tooMany': 'För många försök på kort tid. Vänta en minut och försök igen.', // (unconfirmed)
  'public.noScript': 'Den här sidan behöver JavaScript. Slå på det i webbläsaren.', // (unconfirmed)
};
