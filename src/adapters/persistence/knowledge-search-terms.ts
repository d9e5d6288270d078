/**
 * How a staff member's free text becomes knowledge-base search terms (issue 5: the ask card shows
 * up to three matching articles before a question becomes a ticket). Pure; shared by the SQLite
 * and PostgreSQL search (kysely-knowledge-base-repository.ts) and the in-memory fake, so all three
 * pick the same words.
 *
 * Strategy:
 * - The text is cut into words of letters, digits and combining marks only. Every quote, `*`,
 *   `:`, `&|!()`, `-`, SQL metacharacter and the like is a separator, so no FTS5 or tsquery
 *   syntax can come from the user; an FTS5 keyword (`NEAR`, `AND`, `OR`, `NOT`) becomes a quoted
 *   string. Words of one character and common Finnish, Swedish and English function words
 *   ("miten", "och", "the") are dropped; at most {@link MAX_SEARCH_WORDS} words are kept.
 * - Each word is searched as a prefix, and so is its {@link prefixStem}: the word without its
 *   Finnish case ending and without its last syllable's consonants, where consonant gradation
 *   happens ("oleskeluluvan" → "oleskelulu", which is also the stem of "oleskelulupa"; "asunnon"
 *   and "asunto" → "asun").
 * - Words are OR-ed, not AND-ed: staff type whole questions ("Miten lapsi saa oleskeluluvan?"),
 *   and requiring every word would find nothing. The engine's ranking (bm25 / ts_rank) puts
 *   articles that match more of the words, and rarer words, first; question matches weigh more
 *   than answer matches. For "top 3 suggestions" that is what the asker wants; an unrelated
 *   article can still be the third suggestion when few articles match at all.
 *
 * Known limits: gradation inside the first four letters is missed ("lupa" does not find "luvan");
 * irregular stems are missed ("lapsi" does not find "lasta"); a short stem over-matches ("asun*"
 * also finds "asuntola"). English stemming comes from the engines (Porter on SQLite, the english
 * snowball configuration on PostgreSQL); the fake only has the prefix stem.
 */

/** Words beyond this are ignored: a pasted essay must not become a huge query. */
export const MAX_SEARCH_WORDS = 12;

/** Function words that would match nearly every article. Lower case; compared after NFKC + lower-casing. */
const STOP_WORDS: ReadonlySet<string> = new Set([
  // Finnish
  'ja', 'on', 'ei', 'se', 'ne', 'että', 'kuin', 'mitä', 'mikä', 'miten', 'miksi', 'missä', 'mihin', 'mistä', 'milloin', 'kun', 'jos', 'tai', 'vai', 'voi', 'voiko', 'onko',
  'ole', 'olla', 'oli', 'ovat', 'hän', 'me', 'te', 'he', 'minä', 'sinä', 'tämä', 'tuo', 'joka', 'jotka', 'mutta', 'myös', 'niin', 'vain', 'saa', 'saako', 'pitää', 'pitääkö', 'kuka',
  // Swedish
  'och', 'att', 'det', 'som', 'en', 'ett', 'är', 'på', 'för', 'med', 'hur', 'vad', 'kan', 'jag', 'vi', 'av', 'till', 'om', 'inte', 'har', 'den',
  // English
  'the', 'an', 'and', 'or', 'of', 'to', 'in', 'for', 'is', 'are', 'be', 'how', 'what', 'when', 'can', 'do', 'does', 'we', 'it', 'with', 'my', 'our', 'his', 'her', 'their', 'this', 'that', 'at', 'by', 'as', 'from',
]);

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const VOWELS = 'aeiouyäöå';

/**
 * Finnish case and number endings, longest first; one is removed before the last syllable is cut.
 * (Vowel-only endings need no entry: trailing vowels go anyway.)
 */
const ENDINGS = ['itten', 'iden', 'seen', 'ssa', 'ssä', 'sta', 'stä', 'lla', 'llä', 'lta', 'ltä', 'lle', 'ksi', 'tta', 'ttä', 'ien', 'jen', 'iin', 'hin', 'na', 'nä', 'ta', 'tä', 'ja', 'jä', 'en', 'an', 'än', 'on', 'ön', 'un', 'yn', 'in', 'n', 't'];

/** A word to search for and the prefix that also finds its other inflected forms. */
export interface SearchWord {
  /** Lower-cased, NFKC-normalised. */
  readonly word: string;
  /** A prefix of `word`, at least four letters when the word has them (see {@link prefixStem}). */
  readonly stem: string;
}

/** The words of `text` to search for, in order, without duplicates; empty when nothing is searchable. */
export function searchWords(text: string): SearchWord[] {
  const words: SearchWord[] = [];
  const seen = new Set<string>();
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    const word = match[0];
    if ([...word].length < 2 || STOP_WORDS.has(word) || seen.has(word)) continue;
    seen.add(word);
    words.push({ word, stem: prefixStem(word) });
    if (words.length === MAX_SEARCH_WORDS) break;
  }
  return words;
}

/**
 * The part of a Finnish word that its inflected forms share, as a search prefix: remove one case
 * ending, then the trailing vowels, then the consonants before them (consonant gradation changes
 * those: lupa / luvan, asunto / asunnon). Never shorter than four letters: a shorter result gives
 * way to the word's first four.
 *
 * Worked examples: oleskeluluvan → oleskeluluv → oleskelulu; oleskelulupa → oleskelulup →
 * oleskelulu; asunnossa → asunno → asunn → asu → "asun"; kotoutumisen → kotoutumis →
 * kotoutumi; permits → permi.
 */
export function prefixStem(word: string): string {
  const letters = [...word];
  if (letters.length <= 4) return word;
  let stem = word;
  const ending = ENDINGS.find((e) => stem.endsWith(e) && [...stem].length - e.length >= 3);
  if (ending !== undefined) stem = stem.slice(0, -ending.length);
  stem = trimEnd(stem, (ch) => VOWELS.includes(ch));
  stem = trimEnd(stem, (ch) => !VOWELS.includes(ch));
  return [...stem].length >= 4 ? stem : letters.slice(0, 4).join('');
}

function trimEnd(text: string, drop: (ch: string) => boolean): string {
  const chars = [...text];
  while (chars.length > 0 && drop(chars[chars.length - 1]!)) chars.pop();
  return chars.join('');
}

/**
 * The FTS5 MATCH expression for `words`: every word and stem as a quoted prefix phrase, all
 * OR-ed. Quoting makes keywords such as NEAR plain strings; a `"` inside would be doubled, though
 * {@link searchWords} never yields one.
 */
export function fts5Query(words: readonly SearchWord[]): string {
  const quoted = (term: string) => `"${term.replaceAll('"', '""')}"*`;
  return words.map(({ word, stem }) => (stem === word ? quoted(word) : `(${quoted(word)} OR ${quoted(stem)})`)).join(' OR ');
}
