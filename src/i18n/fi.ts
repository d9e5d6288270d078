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
  'intake.title': 'Kerro asiastasi',
  'intake.intro': 'Vastaa muutamaan kysymykseen. Näin voimme valmistautua tapaamiseen.',
  'intake.privacy': 'Vain sinua auttavat työntekijät näkevät nämä tiedot. Älä kirjoita henkilötunnustasi.',
  'intake.name.label': 'Nimesi tai kutsumanimesi',
  'intake.name.placeholder': 'Esimerkiksi: Amina',
  'intake.municipality.label': 'Missä kunnassa asut?',
  'intake.municipality.placeholder': 'Valitse kunta',
  'intake.language.label': 'Mitä kieltä haluat käyttää?',
  'intake.interpreterNeeded.label': 'Tulkki',
  'intake.interpreterNeeded.title': 'Tarvitsen tulkin',
  'intake.interpreterLanguage.label': 'Mitä kieltä tulkin pitää puhua?',
  'intake.interpreterLanguage.placeholder': 'Esimerkiksi: tigrinja',
  'intake.interpreterLanguage.help': 'Kirjoita tämä vain, jos tarvitset tulkin.',
  'intake.topics.label': 'Missä asiassa tarvitset apua? Voit valita monta.',
  'intake.description.label': 'Kerro lyhyesti asiastasi (vapaaehtoinen)',
  'intake.description.placeholder': 'Voit kirjoittaa enintään {max} merkkiä.',
  'intake.contact.heading': 'Miten voimme ottaa sinuun yhteyttä? (vapaaehtoinen)',
  'intake.contactTeams.label': 'Teams',
  'intake.contactTeams.title': 'Voitte ottaa minuun yhteyttä täällä Teamsissa',
  'intake.email.label': 'Sähköposti (vapaaehtoinen)',
  'intake.email.placeholder': 'nimi@esimerkki.fi',
  'intake.phone.label': 'Puhelinnumero (vapaaehtoinen)',
  'intake.phone.placeholder': '040 123 4567',
  'intake.consentShare.label': 'Tietojen jakaminen (vapaaehtoinen)',
  'intake.consentShare.title':
    'Saatte antaa tietoni palveluille, joihin ohjaatte minut, esimerkiksi Kelalle. Voin perua tämän milloin vain.',
  'intake.submit': 'Lähetä',
  'intake.error.summary': 'Jokin tieto puuttuu tai on väärin. Katso viestit lomakkeessa.',
  'intake.error.nameRequired': 'Kirjoita nimesi tai kutsumanimesi.',
  'intake.error.nameTooLong': 'Nimi on liian pitkä. Kirjoita lyhyempi nimi.',
  'intake.error.nameInvalid': 'Nimessä on merkkejä, joita emme voi käyttää. Kirjoita nimi uudelleen.',
  'intake.error.municipalityRequired': 'Valitse kuntasi listasta.',
  'intake.error.languageRequired': 'Valitse kieli listasta.',
  'intake.error.interpreterLanguageRequired': 'Kirjoita, mitä kieltä tulkin pitää puhua.',
  'intake.error.interpreterLanguageInvalid': 'Kirjoita vain kielen nimi kirjaimilla.',
  'intake.error.topicsRequired': 'Valitse ainakin yksi asia.',
  'intake.error.topicsInvalid': 'Valitse asiat listasta.',
  'intake.error.descriptionTooLong': 'Teksti on liian pitkä. Voit kirjoittaa enintään {max} merkkiä.',
  'intake.error.emailInvalid': 'Tarkista sähköpostiosoite. Sen pitää olla tällainen: nimi@esimerkki.fi.',
  'intake.error.phoneInvalid': 'Tarkista puhelinnumero. Käytä vain numeroita, esimerkiksi 040 123 4567.',
  'intake.error.identityCodeNotAllowed':
    'Älä kirjoita henkilötunnustasi. Emme tarvitse sitä, joten otimme sen pois.',
  'intake.error.choiceInvalid': 'Valitse uudelleen.',
  'intake.error.unknownField': 'Lomakkeessa oli jotain outoa. Tarkista tiedot ja lähetä uudelleen.',
  'intake.summary.title': 'Kiitos. Saimme tietosi.',
  'intake.summary.topics': 'Tarvitset apua näissä asioissa:',
  'intake.summary.municipality': 'Kunta: {municipality}',
  'intake.summary.nextStep': 'Valitse seuraavaksi aika tapaamiselle.',
  'intake.summary.book': 'Varaa aika',
  'topic.residence_permit': 'Oleskelulupa',
  'topic.work_jobseeking': 'Työ ja työnhaku',
  'topic.studies_language': 'Opiskelu ja kielikurssit',
  'topic.housing': 'Asuminen',
  'topic.kela_benefits': 'Kelan etuudet',
  'topic.health': 'Terveyspalvelut',
  'topic.family_children': 'Perhe ja lapset',
  'topic.registration_everyday': 'Rekisteröinti ja arki (DVV, pankki, verokortti)',
  'topic.other': 'Muu asia',
};
