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
  // A card button refused by its action token (ADR 14): used once already, too old, or not this person's / chat's.
  'card.action.used': 'Цю кнопку вже використано, тому більше нічого не зроблено. Напишіть help, щоб побачити, що ви можете зробити.',
  'card.action.expired': 'Ця кнопка застаріла і більше не працює. Нічого не зроблено. Напишіть help, щоб побачити, що ви можете зробити.',
  'card.action.invalid': 'Ця кнопка тут не працює. Нічого не зроблено. Напишіть help, щоб побачити, що ви можете зробити.',
  // Colon form: Ukrainian writes language names in lower case inside a sentence.
  'language.changed': 'Мову змінено: {language}',
  'language.name': 'Українська',
  'intake.title': 'Розкажіть про вашу справу',
  'intake.intro': 'Дайте відповідь на кілька запитань. Так ми зможемо підготуватися до зустрічі.',
  'intake.privacy': 'Це бачать лише працівники, які вам допомагають. Не пишіть свій персональний ідентифікаційний код.', // (unconfirmed) term for henkilötunnus
  'intake.name.label': 'Ваше ім’я або як до вас звертатися',
  'intake.name.placeholder': 'Наприклад: Оксана',
  'intake.municipality.label': 'У якому муніципалітеті ви живете?',
  'intake.municipality.placeholder': 'Оберіть муніципалітет',
  'intake.language.label': 'Якою мовою ви хочете спілкуватися?',
  'intake.interpreterNeeded.label': 'Перекладач',
  'intake.interpreterNeeded.title': 'Мені потрібен перекладач',
  'intake.interpreterLanguage.label': 'Якою мовою має говорити перекладач?',
  'intake.interpreterLanguage.placeholder': 'Наприклад: тигринья',
  'intake.interpreterLanguage.help': 'Напишіть це, лише якщо вам потрібен перекладач.',
  'intake.topics.label': 'З чим вам потрібна допомога? Можна обрати кілька.',
  'intake.description.label': 'Коротко опишіть вашу справу (за бажанням)',
  'intake.description.placeholder': 'Можна написати до {max} символів.',
  'intake.contact.heading': 'Як з вами зв’язатися? (за бажанням)',
  'intake.contact.headingWeb': 'Як з вами зв’язатися?',
  'intake.contactTeams.label': 'Teams',
  'intake.contactTeams.title': 'Можна зв’язатися зі мною тут, у Teams',
  'intake.email.label': 'Електронна пошта (за бажанням)',
  'intake.email.placeholder': 'name@example.com',
  'intake.email.requiredLabel': 'Електронна пошта (ми надішлемо сюди посилання на зустріч)', // machine-assisted translation: needs native review
  'intake.phone.label': 'Номер телефону (за бажанням)',
  'intake.phone.placeholder': '040 123 4567',
  'intake.consentShare.label': 'Передача даних (за бажанням)',
  // (unconfirmed) "служби, до яких ви мене направите" for referral.
  'intake.consentShare.title':
    'Ви можете передати мої дані службам, до яких мене направите, наприклад Kela. Я можу скасувати це будь-коли.',
  'intake.submit': 'Надіслати',
  'intake.error.summary': 'Деяких даних бракує або вони неправильні. Перегляньте повідомлення у формі.',
  'intake.error.nameRequired': 'Напишіть ваше ім’я або як до вас звертатися.',
  'intake.error.nameTooLong': 'Ім’я задовге. Напишіть коротше ім’я.',
  'intake.error.nameInvalid': 'В імені є символи, які ми не можемо використати. Напишіть ім’я ще раз.',
  'intake.error.municipalityRequired': 'Оберіть ваш муніципалітет зі списку.',
  'intake.error.languageRequired': 'Оберіть мову зі списку.',
  'intake.error.interpreterLanguageRequired': 'Напишіть, якою мовою має говорити перекладач.',
  'intake.error.interpreterLanguageInvalid': 'Напишіть лише назву мови, літерами.',
  'intake.error.topicsRequired': 'Оберіть принаймні одну тему.',
  'intake.error.topicsInvalid': 'Оберіть теми зі списку.',
  'intake.error.descriptionTooLong': 'Текст задовгий. Можна написати до {max} символів.',
  'intake.error.emailInvalid': 'Перевірте адресу електронної пошти. Вона має бути така: name@example.com.',
  'intake.error.emailRequired': 'Будь ласка, напишіть свою електронну адресу. Ми надішлемо на неї посилання на зустріч.', // machine-assisted translation: needs native review
  'intake.error.phoneInvalid': 'Перевірте номер телефону. Пишіть лише цифри, наприклад 040 123 4567.',
  'intake.error.identityCodeNotAllowed':
    'Не пишіть свій персональний ідентифікаційний код. Він нам не потрібен, тому ми його видалили.',
  'intake.error.choiceInvalid': 'Оберіть ще раз.',
  'intake.error.unknownField': 'У формі було щось неочікуване. Перевірте дані та надішліть ще раз.',
  'intake.summary.title': 'Дякуємо. Ми отримали ваші дані.',
  'intake.summary.topics': 'Теми, з якими вам потрібна допомога:',
  'intake.summary.municipality': 'Муніципалітет: {municipality}',
  'intake.summary.nextStep': 'Тепер оберіть час для зустрічі.',
  'intake.summary.book': 'Записатися на зустріч',
  'topic.residence_permit': 'Дозвіл на проживання',
  'topic.work_jobseeking': 'Робота та пошук роботи',
  'topic.studies_language': 'Навчання та мовні курси',
  'topic.housing': 'Житло',
  'topic.kela_benefits': 'Виплати Kela',
  'topic.health': 'Медичні послуги',
  'topic.family_children': 'Сім’я та діти',
  'topic.registration_everyday': 'Реєстрація та повсякденні справи (DVV, банк, податкова картка)',
  'topic.other': 'Інше питання',
  // Booking cards (unconfirmed: native-speaker review).
  'booking.slots.title': 'Оберіть час',
  'booking.slots.none': 'Зараз немає вільного часу. Спробуйте ще раз завтра.',
  'booking.slots.taken': 'Хтось щойно записався на цей час. Оберіть інший час.',
  'booking.slots.notOffered': 'Цей час уже не вільний. Оберіть інший час.',
  'booking.slots.more': 'Показати пізніший час', // machine-assisted translation: needs native review
  'booking.confirmed.title': 'Вас записано на зустріч',
  'booking.confirmed.when': 'Час: {time}',
  'booking.confirmed.linkLater': 'Ми надішлемо посилання на зустріч сюди, у цей чат, до початку зустрічі.',
  'booking.confirmed.linkByEmail': 'Ми надішлемо посилання на зустріч на вашу електронну пошту. Ви можете приєднатися через браузер на телефоні або комп’ютері.', // machine-assisted translation: needs native review
  'booking.join': 'Приєднатися до зустрічі',
  'booking.cancel': 'Скасувати зустріч',
  'booking.cancelled.title': 'Вашу зустріч скасовано.',
  'booking.noShow.title': 'Ви пропустили зустріч. Будь ласка, запишіться на новий час.',
  'booking.bookNew': 'Записатися на інший час',
  'booking.start': 'Записатися на зустріч',
  'booking.notFound': 'Ми не знайшли цю зустріч.',
  'booking.reminder': 'Нагадування: у вас консультація {time}.', // (unconfirmed)
  'booking.meetingReady': 'Посилання на зустріч готове: {url}', // (unconfirmed)
  'booking.linkReady.title': 'Посилання на зустріч готове', // (unconfirmed)
  'email.confirmation.subject': 'Вашу консультацію заброньовано', // (unconfirmed)
  'email.confirmation.greeting': 'Добрий день!', // (unconfirmed)
  'email.confirmation.when': 'Ваша консультація: {time}.', // (unconfirmed)
  'email.confirmation.join': 'Приєднатися до зустрічі', // (unconfirmed)
  'email.confirmation.browser': 'Ви можете приєднатися через браузер. Додаток Teams не потрібен.', // (unconfirmed)
  'email.confirmation.contact': 'Щоб скасувати консультацію або змінити час, зверніться до служби.', // (unconfirmed)
  // machine-assisted translation: needs native review
  'email.reminder.subject': 'Нагадування: ваша консультація',
  'email.reminder.when': 'У вас консультація {time}.',
  'email.reminder.linkLater': 'Ми надішлемо вам посилання на зустріч електронною поштою, коли воно буде готове.',
  'email.moved.subject': 'Час вашої консультації змінено',
  'email.moved.when': 'Ваш новий час: {time}.',
  'email.moved.newLink': 'Посилання на зустріч нове. Старе посилання не працює. Використовуйте це посилання:',
  'email.cancelled.subject': 'Вашу консультацію скасовано',
  'email.cancelled.when': 'Вашу консультацію {time} скасовано.',
  'email.cancelled.bookNew': 'Якщо вам потрібна порада, ви можете записатися на новий час.',
  'booking.reschedule': 'Змінити час', // (unconfirmed)
  'booking.reschedule.title': 'Оберіть новий час', // (unconfirmed)
  'booking.rescheduled.title': 'Час вашої зустрічі змінено', // (unconfirmed)
  // Public booking page (/book), for clients without Teams.
  'public.title': 'Запишіться на консультацію', // machine-assisted translation: needs native review
  'public.loading': 'Зачекайте, будь ласка…', // machine-assisted translation: needs native review
  'public.error.network': 'Не вдалося з’єднатися з сервісом. Перевірте підключення до інтернету і спробуйте ще раз.', // machine-assisted translation: needs native review
  'public.error.sessionExpired': 'Час на цій сторінці минув. Будь ласка, заповніть форму ще раз.', // machine-assisted translation: needs native review
  'public.error.tooMany': 'Забагато спроб за короткий час. Зачекайте хвилину і спробуйте ще раз.', // machine-assisted translation: needs native review
  'public.noScript': 'Для цієї сторінки потрібен JavaScript. Увімкніть його в браузері.', // machine-assisted translation: needs native review
};
