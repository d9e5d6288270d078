import type { Messages } from './en.js';

/**
 * Finnish catalog, written as selkokieli (easy Finnish): *sinä*, short sentences, everyday
 * words (GLOSSARY.md §3). Use *kotoutuminen*, never *kotouttaminen* (GLOSSARY.md, [S8]).
 */
export const fi: Messages = {
  'welcome.title': 'Tervetuloa Neuvoon',
  // "yhteistyökunnat" vs "kumppanikunnat": ask IHJ which one they use. (unconfirmed)
  'welcome.subtitle': 'International House Joensuu ja yhteistyökunnat',
  'welcome.body':
    'Täällä saat neuvoja omalla kielelläsi. Voit myös varata ajan ohjaajalle. Palvelu on ilmainen.',
  'welcome.languagePrompt': 'Valitse kieli',
  'welcome.staffBody':
    'Täällä voit hallita ohjausaikoja, kirjata asiointeja ja kysyä kotoutumisen asiantuntijalta.',
  'action.help': 'Ohje',
  'reply.received':
    'Kiitos, saimme viestisi. Jos haluat puhua ohjaajan kanssa, varaa aika valikosta.',
  'reply.emergency': 'Hätätilanteessa soita 112.',
  'reply.help': 'Voit kirjoittaa nämä sanat:\n- help: näet tämän ohjeen\n- language: vaihda kieli',
  'error.generic': 'Anteeksi, jokin meni vikaan. Mitään ei kadonnut. Yritä hetken päästä uudelleen.',
  'error.notAllowed': 'Anteeksi, et voi tehdä tätä täällä. Kirjoita help, niin näet, mitä voit tehdä.',
  'error.tooLarge':
    'Anteeksi, viesti tai tiedosto on liian suuri. Lähetä lyhyempi viesti tai pienempi tiedosto.',
  'error.invalidInput': 'Anteeksi, emme ymmärtäneet tätä. Tarkista tiedot ja yritä uudelleen.',
  // A colon, not "Kieli on nyt {language}": the endonym is capitalised ("Suomi") as a button
  // label, and Finnish writes language names in lower case inside a sentence.
  'language.changed': 'Kieli vaihdettu: {language}',
  'language.name': 'Suomi',
};
