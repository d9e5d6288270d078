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
  'language.changed': 'Luqadda waxaa loo beddelay {language}.',
  'language.name': 'Soomaali',
};
