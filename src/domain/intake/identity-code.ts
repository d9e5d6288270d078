/**
 * Finnish personal identity code (henkilötunnus / personbeteckning), as it may turn up inside free
 * text: `DDMMYY` + century sign + 3-digit individual number + check character, e.g. `131052-308T`.
 *
 * Century signs: `+` (1800s), `-` and `Y X W V U` (1900s), `A` and `B C D E F` (2000s); the extra
 * letters were added on 1.1.2023 (DVV). The check character is `0-9` or one of
 * `A B C D E F H J K L M N P R S T U V W X Y` (never G I O Q Z).
 *
 * Deliberately no checksum test: a code with a typo is still a code, and we never collect one
 * (DESIGN.md privacy). Case-insensitive because people type `131052-308t`. Not glued to other
 * letters or digits, so a longer number such as an IBAN does not match by accident.
 */
const IDENTITY_CODE_SOURCE =
  '(?<![0-9A-Za-z])(?:0[1-9]|[12][0-9]|3[01])(?:0[1-9]|1[0-2])[0-9]{2}[-+A-FU-Y][0-9]{3}[0-9A-FHJ-NPR-Y](?![0-9A-Za-z])';

/** Whether `text` contains something that looks like a Finnish personal identity code. */
export function containsPersonalIdentityCode(text: string): boolean {
  return new RegExp(IDENTITY_CODE_SOURCE, 'i').test(text);
}

/**
 * `text` with every identity-code look-alike removed. Used before text is shown back to the
 * person (a refilled card stays in the chat history), so a code typed by mistake is not repeated.
 */
export function removePersonalIdentityCodes(text: string): string {
  return text.replace(new RegExp(IDENTITY_CODE_SOURCE, 'gi'), '');
}
