import type { Messages } from './en.js';

/**
 * Russian catalog. Polite *вы* (lower case, as in app UIs), short sentences.
 * The whole catalog waits for a native-speaker review. (unconfirmed)
 */
export const ru: Messages = {
  'welcome.title': 'Добро пожаловать в Neuvo',
  'welcome.subtitle': 'International House Joensuu и муниципалитеты-партнёры', // (unconfirmed)
  'welcome.body':
    'Здесь вы можете получить консультацию на своём языке. Также можно записаться на встречу с консультантом. Услуга бесплатная.',
  'welcome.languagePrompt': 'Выберите язык',
  // (unconfirmed) staff terms: "обращения клиентов", "эксперт по интеграции".
  'welcome.staffBody':
    'Здесь вы можете управлять консультациями, записывать обращения клиентов и задавать вопросы эксперту по интеграции.',
  'action.help': 'Справка',
  'reply.received':
    'Спасибо, мы получили ваше сообщение. Чтобы поговорить с консультантом, запишитесь на встречу через меню.',
  'reply.emergency': 'В экстренной ситуации звоните 112.',
  'reply.help': 'Вы можете написать эти слова:\n- help: показать эту справку\n- language: сменить язык',
  'error.generic': 'Извините, что-то пошло не так. Ничего не потеряно. Попробуйте ещё раз чуть позже.',
  'error.notAllowed':
    'Извините, здесь вы не можете это сделать. Напишите help, чтобы узнать, что вы можете сделать.',
  'error.tooLarge':
    'Извините, сообщение или файл слишком большие. Отправьте более короткое сообщение или файл поменьше.',
  'error.invalidInput': 'Извините, мы не смогли это понять. Проверьте данные и попробуйте ещё раз.',
  // Colon form: Russian writes language names in lower case inside a sentence.
  'language.changed': 'Язык изменён: {language}',
  'language.name': 'Русский',
};
