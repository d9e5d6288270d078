import type { Messages } from './en.js';

/**
 * Somali catalog (standard Somali, Latin script). "degmo" is used for municipality.
 * The whole catalog waits for a native-speaker review. (unconfirmed)
 */
export const so: Messages = {
  'welcome.title': 'Ku soo dhowow Neuvo',
  'welcome.subtitle': 'International House Joensuu iyo degmooyinka la shaqeeya',
  'welcome.body':
    'Halkan waxaad ka heli kartaa talo luqaddaada. Sidoo kale waxaad ballan la qabsan kartaa lataliye. Adeeggu waa bilaash.',
  'welcome.languagePrompt': 'Dooro luqaddaada',
  'welcome.staffBody':
    'Halkan waxaad ku maamuli kartaa ballamaha hagitaanka, waxaad diiwaangelin kartaa booqashooyinka macaamiisha, waxaadna su’aal weydiin kartaa khabiirka is-dhexgalka.',
  'action.help': 'Caawimaad',
  'reply.received':
    'Mahadsanid, fariintaada waan helnay. Haddii aad rabto inaad la hadasho lataliye, ballan ka qabso liiska.',
  'reply.emergency': 'Xaalad degdeg ah, wac 112.',
  'reply.help':
    'Waxaad qori kartaa erayadan:\n- help: si aad u aragto caawimaaddan\n- language: si aad u beddesho luqadda',
  'error.generic':
    'Waan ka xunnahay, wax baa khaldamay. Waxba ma lumin. Fadlan mar kale isku day wax yar kadib.',
  'error.notAllowed':
    'Waan ka xunnahay, tan halkan kuma samayn kartid. Qor help si aad u aragto waxa aad samayn karto.',
  'error.tooLarge':
    'Waan ka xunnahay, fariinta ama faylku aad ayuu u weyn yahay. Fadlan dir fariin ka gaaban ama fayl ka yar.',
  'error.invalidInput': 'Waan ka xunnahay, tan ma aynaan fahmin. Fadlan hubi oo mar kale isku day.',
  // A card button refused by its action token (ADR 14): used once already, too old, or not this person's / chat's.
  'card.action.used': 'Badhankan horey ayaa loo isticmaalay, sidaa darteed wax kale lama samayn. Qor help si aad u aragto waxa aad samayn karto.',
  'card.action.expired': 'Badhankan waa duugoobay mana shaqeeyo mar dambe. Waxba lama samayn. Qor help si aad u aragto waxa aad samayn karto.',
  'card.action.invalid': 'Badhankan halkan kama shaqeeyo. Waxba lama samayn. Qor help si aad u aragto waxa aad samayn karto.',
  'language.changed': 'Luqadda waxaa loo beddelay {language}.',
  'language.name': 'Soomaali',
  'intake.title': 'Noo sheeg arrintaada',
  'intake.intro': 'Fadlan ka jawaab dhowr su’aalood. Tani waxay naga caawinaysaa inaan u diyaargarowno ballantaada.',
  'intake.privacy': 'Shaqaalaha ku caawinaya oo keliya ayaa arka tan. Ha qorin lambarkaaga aqoonsiga shakhsiga.', // (unconfirmed) term for henkilötunnus
  'intake.name.label': 'Magacaaga ama naanaystaada',
  'intake.name.placeholder': 'Tusaale: Amina',
  'intake.municipality.label': 'Degmadee ayaad ku nooshahay?',
  'intake.municipality.placeholder': 'Dooro degmada',
  'intake.language.label': 'Luqaddee ayaad rabtaa inaad isticmaasho?',
  'intake.interpreterNeeded.label': 'Turjubaan',
  'intake.interpreterNeeded.title': 'Waxaan u baahanahay turjubaan',
  'intake.interpreterLanguage.label': 'Luqaddee ayuu turjubaanku ku hadlayaa?',
  'intake.interpreterLanguage.placeholder': 'Tusaale: Tigrinya',
  'intake.interpreterLanguage.help': 'Qor tan oo keliya haddii aad u baahan tahay turjubaan.',
  'intake.topics.label': 'Maxaad caawimaad uga baahan tahay? Waxaad dooran kartaa wax ka badan hal.',
  'intake.description.label': 'Si kooban noogu sheeg arrintaada (ikhtiyaari)',
  'intake.description.placeholder': 'Waxaad qori kartaa ilaa {max} xaraf.',
  'intake.contact.heading': 'Sideen kuula soo xiriiri karnaa? (ikhtiyaari)',
  'intake.contact.headingWeb': 'Sideen kuula soo xiriiri karnaa?',
  'intake.contactTeams.label': 'Teams',
  'intake.contactTeams.title': 'Halkan Teams igala soo xiriiri kartaan',
  'intake.email.label': 'Iimayl (ikhtiyaari)',
  'intake.email.placeholder': 'magac@example.com',
  'intake.email.requiredLabel': 'Iimayl (halkan ayaan u soo diraynaa linkiga kulanka)', // machine-assisted translation: needs native review
  'intake.phone.label': 'Lambarka taleefanka (ikhtiyaari)',
  'intake.phone.placeholder': '040 123 4567',
  'intake.consentShare.label': 'La wadaagidda xogta (ikhtiyaari)',
  // (unconfirmed) "adeegyada aad ii gudbisaan" for referral.
  'intake.consentShare.title':
    'Waxaad xogtayda siin kartaan adeegyada aad ii gudbisaan, tusaale ahaan Kela. Waxaan tan joojin karaa waqti kasta.',
  'intake.submit': 'Dir',
  'intake.error.summary': 'Xog ayaa maqan ama khaldan. Fadlan eeg fariimaha foomka ku jira.',
  'intake.error.nameRequired': 'Fadlan qor magacaaga ama naanaystaada.',
  'intake.error.nameTooLong': 'Magacu aad buu u dheer yahay. Fadlan qor magac ka gaaban.',
  'intake.error.nameInvalid': 'Magaca waxaa ku jira calaamado aynaan isticmaali karin. Fadlan mar kale qor.',
  'intake.error.municipalityRequired': 'Fadlan degmadaada ka dooro liiska.',
  'intake.error.languageRequired': 'Fadlan luqad ka dooro liiska.',
  'intake.error.interpreterLanguageRequired': 'Fadlan qor luqadda uu turjubaanku ku hadlayo.',
  'intake.error.interpreterLanguageInvalid': 'Fadlan qor magaca luqadda oo keliya, xarfo.',
  'intake.error.topicsRequired': 'Fadlan dooro ugu yaraan hal mawduuc.',
  'intake.error.topicsInvalid': 'Fadlan mawduucyada ka dooro liiska.',
  'intake.error.descriptionTooLong': 'Qoraalku aad buu u dheer yahay. Waxaad qori kartaa ilaa {max} xaraf.',
  'intake.error.emailInvalid': 'Fadlan hubi iimaylka. Waa inuu u ekaadaa sidan: magac@example.com.',
  'intake.error.emailRequired': 'Fadlan qor ciwaanka iimaylkaaga. Linkiga kulanka ayaan halkaas u soo diraynaa.', // machine-assisted translation: needs native review
  'intake.error.phoneInvalid': 'Fadlan hubi lambarka taleefanka. Isticmaal tirooyin oo keliya, tusaale 040 123 4567.',
  'intake.error.identityCodeNotAllowed':
    'Fadlan ha qorin lambarkaaga aqoonsiga shakhsiga. Uma baahnin, sidaas darteed waan ka saarnay.',
  'intake.error.choiceInvalid': 'Fadlan mar kale dooro.',
  'intake.error.unknownField': 'Foomka waxaa ku jiray wax aynaan filayn. Fadlan hubi oo mar kale dir.',
  'intake.summary.title': 'Mahadsanid. Xogtaada waan helnay.',
  'intake.summary.topics': 'Waxaad caawimaad uga baahan tahay:',
  'intake.summary.municipality': 'Degmada: {municipality}',
  'intake.summary.nextStep': 'Marka xigta, dooro waqti ballantaada.',
  'intake.summary.book': 'Qabso ballan',
  'topic.residence_permit': 'Sharciga deganaanshaha',
  'topic.work_jobseeking': 'Shaqo iyo shaqo raadis',
  'topic.studies_language': 'Waxbarasho iyo koorsooyinka luqadda',
  'topic.housing': 'Guri',
  'topic.kela_benefits': 'Gargaarka Kela',
  'topic.health': 'Adeegyada caafimaadka',
  'topic.family_children': 'Qoyska iyo carruurta',
  'topic.registration_everyday': 'Diiwaangelinta iyo arrimaha maalinlaha ah (DVV, bangi, kaarka canshuurta)',
  'topic.other': 'Arrin kale',
  // Booking cards (unconfirmed: native-speaker review; "baaji" for cancel).
  'booking.slots.title': 'Dooro waqti',
  'booking.slots.none': 'Hadda ma jiraan waqtiyo bannaan. Fadlan isku day mar kale berri.',
  'booking.slots.taken': 'Qof kale ayaa hadda qabsaday waqtigaas. Fadlan dooro waqti kale.',
  'booking.slots.notOffered': 'Waqtigaas hadda ma bannaana. Fadlan dooro waqti kale.',
  'booking.slots.more': 'Tus waqtiyo dambe', // machine-assisted translation: needs native review
  'booking.confirmed.title': 'Ballantaada waa la qabsaday',
  'booking.confirmed.when': 'Waqtiga: {time}',
  'booking.confirmed.linkLater': 'Linkiga kulanka waxaan kuugu soo diri doonnaa halkan, wadahadalkan, ka hor ballanta.',
  'booking.confirmed.linkByEmail': 'Linkiga kulanka waxaan u soo diri doonaa iimaylkaaga. Waxaad ku soo biiri kartaa biraawsarka taleefankaaga ama kombiyuutarkaaga.', // machine-assisted translation: needs native review
  'booking.join': 'Ku biir kulanka',
  'booking.cancel': 'Baaji ballanta',
  'booking.cancelled.title': 'Ballantaada waa la baajiyay.',
  'booking.noShow.title': 'Ballantaadii waad seegtay. Fadlan qabso waqti cusub.',
  'booking.bookNew': 'Qabso waqti cusub',
  'booking.start': 'Qabso ballan',
  'booking.notFound': 'Ballantan ma aanan helin.',
  'booking.reminder': 'Xusuusin: waxaad leedahay ballan talo-bixin {time}.', // (unconfirmed)
  'booking.meetingReady': 'Xiriirka ballantaada waa diyaar: {url}', // (unconfirmed)
  'booking.linkReady.title': 'Xiriirka ballantaada waa diyaar', // (unconfirmed)
  'email.confirmation.subject': 'Ballantaada talo-bixinta waa la qabtay', // (unconfirmed)
  'email.confirmation.greeting': 'Salaan,', // (unconfirmed)
  'email.confirmation.when': 'Ballantaadu waa {time}.', // (unconfirmed)
  'email.confirmation.join': 'Ku biir kulanka', // (unconfirmed)
  'email.confirmation.browser': 'Waxaad ku biiri kartaa biraawsar. Uma baahnid barnaamijka Teams.', // (unconfirmed)
  'email.confirmation.contact': 'Si aad u joojiso ballanta ama u beddesho waqtiga, la xiriir adeegga.', // (unconfirmed)
  // machine-assisted translation: needs native review
  'email.reminder.subject': 'Xusuusin: ballantaada talo-bixinta',
  'email.reminder.when': 'Waxaad leedahay ballan talo-bixin {time}.',
  'email.reminder.linkLater': 'Linkiga kulanka waxaan kuugu soo diri doonnaa iimayl marka uu diyaar noqdo.',
  'email.moved.subject': 'Waqtiga ballantaada talo-bixinta waa la beddelay',
  'email.moved.when': 'Waqtigaaga cusub waa {time}.',
  'email.moved.newLink': 'Linkiga kulanka waa cusub. Linkigii hore ma shaqeynayo. Isticmaal linkigan:',
  'email.cancelled.subject': 'Ballantaada talo-bixinta waa la baajiyay',
  'email.cancelled.when': 'Ballantaadii {time} waa la baajiyay.',
  'email.cancelled.bookNew': 'Haddii aad u baahan tahay talo, waxaad qabsan kartaa waqti cusub.',
  'booking.reschedule': 'Beddel waqtiga', // (unconfirmed)
  'booking.reschedule.title': 'Dooro waqti cusub', // (unconfirmed)
  'booking.rescheduled.title': 'Ballantaada waa la beddelay', // (unconfirmed)
  // Public booking page (/book), for clients without Teams.
  'public.title': 'Ballan la-talin ah qabso', // machine-assisted translation: needs native review
  'public.loading': 'Fadlan sug…', // machine-assisted translation: needs native review
  'public.error.network': 'Ma aanan gaari karin adeegga. Fadlan hubi internetkaaga oo mar kale isku day.', // machine-assisted translation: needs native review
  'public.error.sessionExpired': 'Waqtigaagii boggan wuu dhammaaday. Fadlan foomka mar kale buuxi.', // machine-assisted translation: needs native review
  'public.error.tooMany': 'Isku day badan waqti gaaban gudihiis. Fadlan sug hal daqiiqo oo mar kale isku day.', // machine-assisted translation: needs native review
  'public.noScript': 'Boggani wuxuu u baahan yahay JavaScript. Fadlan ka shid biraawsarkaaga.', // machine-assisted translation: needs native review
};
