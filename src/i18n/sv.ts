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
  // Colon form: Swedish writes language names in lower case inside a sentence ("svenska").
  'language.changed': 'Språket har ändrats: {language}',
  'language.name': 'Svenska',
};
