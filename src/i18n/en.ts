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
  'language.changed': 'Language changed to {language}.',
  'language.name': 'English',
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
