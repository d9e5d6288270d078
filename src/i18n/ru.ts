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
  // A card button refused by its action token (ADR 14): used once already, too old, or not this person's / chat's.
  'card.action.used': 'Эта кнопка уже была использована, поэтому больше ничего не сделано. Напишите help, чтобы узнать, что вы можете сделать.',
  'card.action.expired': 'Эта кнопка устарела и больше не работает. Ничего не сделано. Напишите help, чтобы узнать, что вы можете сделать.',
  'card.action.invalid': 'Эта кнопка здесь не работает. Ничего не сделано. Напишите help, чтобы узнать, что вы можете сделать.',
  // Colon form: Russian writes language names in lower case inside a sentence.
  'language.changed': 'Язык изменён: {language}',
  'language.name': 'Русский',
  'intake.title': 'Расскажите о вашем деле',
  'intake.intro': 'Ответьте на несколько вопросов. Так мы сможем подготовиться к встрече.',
  'intake.privacy': 'Это видят только сотрудники, которые вам помогают. Не пишите свой личный идентификационный код.', // (unconfirmed) term for henkilötunnus
  'intake.name.label': 'Ваше имя или как к вам обращаться',
  'intake.name.placeholder': 'Например: Анна',
  'intake.municipality.label': 'В каком муниципалитете вы живёте?',
  'intake.municipality.placeholder': 'Выберите муниципалитет',
  'intake.language.label': 'На каком языке вы хотите общаться?',
  'intake.interpreterNeeded.label': 'Переводчик',
  'intake.interpreterNeeded.title': 'Мне нужен переводчик',
  'intake.interpreterLanguage.label': 'На каком языке должен говорить переводчик?',
  'intake.interpreterLanguage.placeholder': 'Например: тигринья',
  'intake.interpreterLanguage.help': 'Напишите это, только если вам нужен переводчик.',
  'intake.topics.label': 'С чем вам нужна помощь? Можно выбрать несколько.',
  'intake.description.label': 'Коротко опишите ваше дело (по желанию)',
  'intake.description.placeholder': 'Можно написать до {max} символов.',
  'intake.contact.heading': 'Как с вами связаться? (по желанию)',
  'intake.contact.headingWeb': 'Как с вами связаться?',
  'intake.contactTeams.label': 'Teams',
  'intake.contactTeams.title': 'Можно связаться со мной здесь, в Teams',
  'intake.email.label': 'Электронная почта (по желанию)',
  'intake.email.placeholder': 'name@example.com',
  'intake.email.requiredLabel': 'Электронная почта (мы отправим сюда ссылку на встречу)', // machine-assisted translation: needs native review
  'intake.phone.label': 'Номер телефона (по желанию)',
  'intake.phone.placeholder': '040 123 4567',
  'intake.consentShare.label': 'Передача данных (по желанию)',
  // (unconfirmed) "службы, в которые вы меня направите" for referral.
  'intake.consentShare.title':
    'Вы можете передать мои данные службам, в которые меня направите, например в Kela. Я могу отменить это в любое время.',
  'intake.submit': 'Отправить',
  'intake.error.summary': 'Каких-то данных не хватает или они неверные. Посмотрите сообщения в форме.',
  'intake.error.nameRequired': 'Напишите ваше имя или как к вам обращаться.',
  'intake.error.nameTooLong': 'Имя слишком длинное. Напишите имя короче.',
  'intake.error.nameInvalid': 'В имени есть символы, которые мы не можем использовать. Напишите имя ещё раз.',
  'intake.error.municipalityRequired': 'Выберите ваш муниципалитет из списка.',
  'intake.error.languageRequired': 'Выберите язык из списка.',
  'intake.error.interpreterLanguageRequired': 'Напишите, на каком языке должен говорить переводчик.',
  'intake.error.interpreterLanguageInvalid': 'Напишите только название языка, буквами.',
  'intake.error.topicsRequired': 'Выберите хотя бы одну тему.',
  'intake.error.topicsInvalid': 'Выберите темы из списка.',
  'intake.error.descriptionTooLong': 'Текст слишком длинный. Можно написать до {max} символов.',
  'intake.error.emailInvalid': 'Проверьте адрес электронной почты. Он должен быть такой: name@example.com.',
  'intake.error.emailRequired': 'Пожалуйста, напишите свой адрес электронной почты. Мы отправим на него ссылку на встречу.', // machine-assisted translation: needs native review
  'intake.error.phoneInvalid': 'Проверьте номер телефона. Пишите только цифры, например 040 123 4567.',
  'intake.error.identityCodeNotAllowed':
    'Не пишите свой личный идентификационный код. Он нам не нужен, поэтому мы его удалили.',
  'intake.error.choiceInvalid': 'Выберите ещё раз.',
  'intake.error.unknownField': 'В форме было что-то неожиданное. Проверьте данные и отправьте ещё раз.',
  'intake.summary.title': 'Спасибо. Мы получили ваши данные.',
  'intake.summary.topics': 'Темы, с которыми вам нужна помощь:',
  'intake.summary.municipality': 'Муниципалитет: {municipality}',
  'intake.summary.nextStep': 'Теперь выберите время для встречи.',
  'intake.summary.book': 'Записаться на встречу',
  'topic.residence_permit': 'Вид на жительство',
  'topic.work_jobseeking': 'Работа и поиск работы',
  'topic.studies_language': 'Учёба и языковые курсы',
  'topic.housing': 'Жильё',
  'topic.kela_benefits': 'Пособия Kela',
  'topic.health': 'Медицинские услуги',
  'topic.family_children': 'Семья и дети',
  'topic.registration_everyday': 'Регистрация и повседневные дела (DVV, банк, налоговая карточка)',
  'topic.other': 'Другое дело',
  // Booking cards (unconfirmed: native-speaker review).
  'booking.slots.title': 'Выберите время',
  'booking.slots.none': 'Сейчас нет свободного времени. Попробуйте ещё раз завтра.',
  'booking.slots.taken': 'Кто-то только что записался на это время. Выберите другое время.',
  'booking.slots.notOffered': 'Это время уже не свободно. Выберите другое время.',
  'booking.slots.more': 'Показать более позднее время', // machine-assisted translation: needs native review
  'booking.confirmed.title': 'Вы записаны на встречу',
  'booking.confirmed.when': 'Время: {time}',
  'booking.confirmed.linkLater': 'Мы пришлём ссылку на встречу сюда, в этот чат, до начала встречи.',
  'booking.confirmed.linkByEmail': 'Мы отправим ссылку на встречу на вашу электронную почту. Вы можете подключиться через браузер на телефоне или компьютере.', // machine-assisted translation: needs native review
  'booking.join': 'Присоединиться к встрече',
  'booking.cancel': 'Отменить встречу',
  'booking.cancelled.title': 'Ваша встреча отменена.',
  'booking.noShow.title': 'Вы пропустили встречу. Пожалуйста, запишитесь на новое время.',
  'booking.bookNew': 'Записаться на другое время',
  'booking.start': 'Записаться на встречу',
  'booking.notFound': 'Мы не нашли эту встречу.',
  'booking.reminder': 'Напоминание: у вас консультация {time}.', // (unconfirmed)
  'booking.meetingReady': 'Ссылка на встречу готова: {url}', // (unconfirmed)
  'booking.linkReady.title': 'Ссылка на встречу готова', // (unconfirmed)
  'email.confirmation.subject': 'Ваша консультация забронирована', // (unconfirmed)
  'email.confirmation.greeting': 'Здравствуйте!', // (unconfirmed)
  'email.confirmation.when': 'Ваша консультация: {time}.', // (unconfirmed)
  'email.confirmation.join': 'Присоединиться к встрече', // (unconfirmed)
  'email.confirmation.browser': 'Вы можете присоединиться через браузер. Приложение Teams не нужно.', // (unconfirmed)
  'email.confirmation.contact': 'Чтобы отменить консультацию или изменить время, свяжитесь со службой.', // (unconfirmed)
  // machine-assisted translation: needs native review
  'email.reminder.subject': 'Напоминание: ваша консультация',
  'email.reminder.when': 'У вас консультация {time}.',
  'email.reminder.linkLater': 'Мы пришлём вам ссылку на встречу по электронной почте, когда она будет готова.',
  'email.moved.subject': 'Время вашей консультации изменено',
  'email.moved.when': 'Ваше новое время: {time}.',
  'email.moved.newLink': 'Ссылка на встречу новая. Старая ссылка не работает. Используйте эту ссылку:',
  'email.cancelled.subject': 'Ваша консультация отменена',
  'email.cancelled.when': 'Ваша консультация {time} отменена.',
  'email.cancelled.bookNew': 'Если вам нужен совет, вы можете записаться на новое время.',
  'booking.reschedule': 'Изменить время', // (unconfirmed)
  'booking.reschedule.title': 'Выберите новое время', // (unconfirmed)
  'booking.rescheduled.title': 'Время вашей встречи изменено', // (unconfirmed)
  // Public booking page (/book), for clients without Teams.
  'public.title': 'Запишитесь на консультацию', // machine-assisted translation: needs native review
  'public.loading': 'Подождите, пожалуйста…', // machine-assisted translation: needs native review
  'public.error.network': 'Не удалось связаться с сервисом. Проверьте подключение к интернету и попробуйте ещё раз.', // machine-assisted translation: needs native review
  'public.error.sessionExpired': 'Время на этой странице истекло. Пожалуйста, заполните форму ещё раз.', // machine-assisted translation: needs native review
  'public.error.tooMany': 'Слишком много попыток за короткое время. Подождите минуту и попробуйте ещё раз.', // machine-assisted translation: needs native review
  'public.noScript': 'Для этой страницы нужен JavaScript. Включите его в браузере.', // machine-assisted translation: needs native review
};
