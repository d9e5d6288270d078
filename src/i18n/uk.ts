import type { Messages } from './en.js';

/**
 * Ukrainian catalog. Polite *ви* (lower case, as in app UIs), short sentences.
 * The whole catalog waits for a native-speaker review. (unconfirmed)
 */
export const uk: Messages = {
  'welcome.title': 'Ласкаво просимо до Neuvo',
  'welcome.subtitle': 'International House Joensuu та муніципалітети-партнери', // (unconfirmed)
  'welcome.body':
    'Тут ви можете отримати консультацію вашою мовою. Також можна записатися на зустріч із консультантом. Послуга безкоштовна.',
  'welcome.languagePrompt': 'Оберіть мову',
  // (unconfirmed) staff terms: "звернення клієнтів", "експерт з інтеграції".
  'welcome.staffBody':
    'Тут ви можете керувати консультаціями, записувати звернення клієнтів і ставити запитання експерту з інтеграції.',
  'action.help': 'Довідка',
  'reply.received':
    'Дякуємо, ми отримали ваше повідомлення. Щоб поговорити з консультантом, запишіться на зустріч через меню.',
  'reply.emergency': 'У надзвичайній ситуації телефонуйте 112.',
  'reply.help': 'Ви можете написати ці слова:\n- help: показати цю довідку\n- language: змінити мову',
  'error.generic': 'Вибачте, щось пішло не так. Нічого не втрачено. Спробуйте ще раз трохи пізніше.',
  'error.notAllowed':
    'Вибачте, тут ви не можете цього зробити. Напишіть help, щоб побачити, що ви можете зробити.',
  'error.tooLarge':
    'Вибачте, повідомлення або файл завеликі. Надішліть коротше повідомлення або менший файл.', // (unconfirmed) agreement after "або"
  'error.invalidInput': 'Вибачте, ми не змогли це зрозуміти. Перевірте дані та спробуйте ще раз.',
  // Colon form: Ukrainian writes language names in lower case inside a sentence.
  'language.changed': 'Мову змінено: {language}',
  'language.name': 'Українська',
};
