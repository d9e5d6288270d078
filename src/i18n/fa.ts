import type { Messages } from './en.js';

/**
 * Dari / Farsi catalog (`fa` serves both; right-to-left). Written in a neutral standard Persian
 * that Dari and Farsi readers both understand, with Persian letters (ی, ک) and the zero-width
 * non-joiner in verb forms (می‌توانید). Digits stay Western (112) to match the phone keypad.
 * Dari and Iranian usage differ for some words (e.g. شاروالی / شهرداری for municipality).
 * The whole catalog waits for a native-speaker review, ideally by a Dari speaker. (unconfirmed)
 */
export const fa: Messages = {
  'welcome.title': 'به Neuvo خوش آمدید',
  'welcome.subtitle': 'International House Joensuu و شهرداری‌های همکار', // (unconfirmed) Dari: شاروالی
  'welcome.body':
    'اینجا می‌توانید به زبان خودتان راهنمایی بگیرید. همچنین می‌توانید با یک مشاور وقت ملاقات بگیرید. این خدمت رایگان است.',
  'welcome.languagePrompt': 'زبان خود را انتخاب کنید',
  // (unconfirmed) "کارشناس ادغام" for integration expert.
  'welcome.staffBody':
    'اینجا می‌توانید وقت‌های مشاوره را مدیریت کنید، ملاقات‌ها را ثبت کنید و از کارشناس ادغام سؤال بپرسید.',
  'action.help': 'راهنما',
  'reply.received': 'متشکریم، پیام شما را دریافت کردیم. برای صحبت با مشاور، از منو وقت بگیرید.',
  'reply.emergency': 'در موارد اضطراری با شماره 112 تماس بگیرید.',
  'reply.help': 'می‌توانید این کلمه‌ها را بنویسید:\n- help: دیدن همین راهنما\n- language: تغییر زبان',
  'error.generic': 'متأسفیم، مشکلی پیش آمد. چیزی از بین نرفت. لطفاً کمی بعد دوباره امتحان کنید.',
  'error.notAllowed':
    'متأسفیم، این کار را اینجا نمی‌توانید انجام دهید. help را بنویسید تا ببینید چه کارهایی می‌توانید بکنید.',
  'error.tooLarge': 'متأسفیم، پیام یا فایل خیلی بزرگ است. لطفاً پیام کوتاه‌تر یا فایل کوچک‌تری بفرستید.',
  'error.invalidInput': 'متأسفیم، این را متوجه نشدیم. لطفاً اطلاعات را بررسی کنید و دوباره امتحان کنید.',
  // A card button refused by its action token (ADR 14): used once already, too old, or not this person's / chat's.
  'card.action.used': 'از این دکمه قبلاً استفاده شده است، پس کار دیگری انجام نشد. help را بنویسید تا ببینید چه کارهایی می‌توانید بکنید.',
  'card.action.expired': 'این دکمه خیلی قدیمی است و دیگر کار نمی‌کند. هیچ کاری انجام نشد. help را بنویسید تا ببینید چه کارهایی می‌توانید بکنید.',
  'card.action.invalid': 'این دکمه اینجا کار نمی‌کند. هیچ کاری انجام نشد. help را بنویسید تا ببینید چه کارهایی می‌توانید بکنید.',
  'language.changed': 'زبان به {language} تغییر کرد.',
  'language.name': 'دری / فارسی',
  'intake.title': 'درباره موضوع خود به ما بگویید',
  'intake.intro': 'لطفاً به چند سؤال جواب دهید. این به ما کمک می‌کند برای وقت ملاقات شما آماده شویم.',
  'intake.privacy': 'فقط کارکنانی که به شما کمک می‌کنند این را می‌بینند. کد شناسایی شخصی خود را ننویسید.', // (unconfirmed) term for henkilötunnus
  'intake.name.label': 'نام یا نام مستعار شما',
  'intake.name.placeholder': 'مثلاً: مریم',
  'intake.municipality.label': 'در کدام شهرداری زندگی می‌کنید؟', // (unconfirmed) Dari: شاروالی
  'intake.municipality.placeholder': 'شهرداری را انتخاب کنید',
  'intake.language.label': 'می‌خواهید به چه زبانی صحبت کنید؟',
  'intake.interpreterNeeded.label': 'ترجمان',
  'intake.interpreterNeeded.title': 'به ترجمان نیاز دارم', // (unconfirmed) Dari ترجمان; Farsi مترجم
  'intake.interpreterLanguage.label': 'ترجمان به چه زبانی صحبت کند؟',
  'intake.interpreterLanguage.placeholder': 'مثلاً: تیگرینیا',
  'intake.interpreterLanguage.help': 'فقط اگر به ترجمان نیاز دارید این را بنویسید.',
  'intake.topics.label': 'در چه موضوعی کمک لازم دارید؟ می‌توانید چند مورد را انتخاب کنید.',
  'intake.description.label': 'به طور کوتاه درباره موضوع خود بنویسید (اختیاری)',
  'intake.description.placeholder': 'می‌توانید حداکثر {max} حرف بنویسید.',
  'intake.contact.heading': 'چطور با شما تماس بگیریم؟ (اختیاری)',
  'intake.contact.headingWeb': 'چطور با شما تماس بگیریم؟',
  'intake.contactTeams.label': 'Teams',
  'intake.contactTeams.title': 'می‌توانید اینجا در Teams با من تماس بگیرید',
  'intake.email.label': 'ایمیل (اختیاری)',
  'intake.email.placeholder': 'name@example.com',
  'intake.email.requiredLabel': 'ایمیل (لینک جلسه را به اینجا می‌فرستیم)', // machine-assisted translation: needs native review
  'intake.phone.label': 'شماره تلفن (اختیاری)',
  'intake.phone.placeholder': '040 123 4567',
  'intake.consentShare.label': 'اشتراک اطلاعات (اختیاری)',
  // (unconfirmed) "خدماتی که مرا به آنها معرفی میکنید" for referral.
  'intake.consentShare.title':
    'اجازه می‌دهم اطلاعاتم را به خدماتی بدهید که مرا به آنها معرفی می‌کنید، مثلاً Kela. هر وقت بخواهم می‌توانم این اجازه را پس بگیرم.',
  'intake.submit': 'ارسال',
  'intake.error.summary': 'بعضی اطلاعات کم است یا درست نیست. لطفاً پیام‌های فرم را ببینید.',
  'intake.error.nameRequired': 'لطفاً نام یا نام مستعار خود را بنویسید.',
  'intake.error.nameTooLong': 'نام خیلی طولانی است. لطفاً نام کوتاه‌تری بنویسید.',
  'intake.error.nameInvalid': 'در نام علامت‌هایی هست که نمی‌توانیم استفاده کنیم. لطفاً نام را دوباره بنویسید.',
  'intake.error.municipalityRequired': 'لطفاً شهرداری خود را از فهرست انتخاب کنید.',
  'intake.error.languageRequired': 'لطفاً یک زبان را از فهرست انتخاب کنید.',
  'intake.error.interpreterLanguageRequired': 'لطفاً بنویسید ترجمان به چه زبانی صحبت کند.',
  'intake.error.interpreterLanguageInvalid': 'لطفاً فقط نام زبان را با حروف بنویسید.',
  'intake.error.topicsRequired': 'لطفاً دست کم یک موضوع را انتخاب کنید.',
  'intake.error.topicsInvalid': 'لطفاً موضوع‌ها را از فهرست انتخاب کنید.',
  'intake.error.descriptionTooLong': 'متن خیلی طولانی است. می‌توانید حداکثر {max} حرف بنویسید.',
  'intake.error.emailInvalid': 'لطفاً ایمیل را بررسی کنید. باید شبیه name@example.com باشد.',
  'intake.error.emailRequired': 'لطفاً آدرس ایمیل خود را بنویسید. لینک جلسه را به آن می‌فرستیم.', // machine-assisted translation: needs native review
  'intake.error.phoneInvalid': 'لطفاً شماره تلفن را بررسی کنید. فقط عدد بنویسید، مثلاً 040 123 4567.',
  'intake.error.identityCodeNotAllowed':
    'لطفاً کد شناسایی شخصی خود را ننویسید. ما به آن نیاز نداریم، برای همین آن را پاک کردیم.',
  'intake.error.choiceInvalid': 'لطفاً دوباره انتخاب کنید.',
  'intake.error.unknownField': 'در فرم چیز غیرمنتظره‌ای بود. لطفاً اطلاعات را بررسی کنید و دوباره بفرستید.',
  'intake.summary.title': 'متشکریم. اطلاعات شما را دریافت کردیم.',
  'intake.summary.topics': 'موضوع‌هایی که در آنها کمک لازم دارید:',
  'intake.summary.municipality': 'شهرداری: {municipality}',
  'intake.summary.nextStep': 'قدم بعدی: برای ملاقات خود یک وقت انتخاب کنید.',
  'intake.summary.book': 'وقت بگیرید',
  'topic.residence_permit': 'اجازه اقامت',
  'topic.work_jobseeking': 'کار و کاریابی',
  'topic.studies_language': 'تحصیل و کلاس‌های زبان',
  'topic.housing': 'مسکن',
  'topic.kela_benefits': 'کمک‌های مالی Kela',
  'topic.health': 'خدمات صحی و درمانی',
  'topic.family_children': 'خانواده و کودکان',
  'topic.registration_everyday': 'ثبت‌نام و کارهای روزمره (DVV، بانک، کارت مالیاتی)',
  'topic.other': 'موضوع دیگر',
  // Booking cards (unconfirmed: native-speaker review; Dari reviewer for ملاقات/جلسه).
  'booking.slots.title': 'یک وقت انتخاب کنید',
  'booking.slots.none': 'الان وقت خالی نیست. لطفاً فردا دوباره امتحان کنید.',
  'booking.slots.taken': 'کس دیگری همین الان این وقت را گرفت. لطفاً وقت دیگری انتخاب کنید.',
  'booking.slots.notOffered': 'این وقت دیگر خالی نیست. لطفاً وقت دیگری انتخاب کنید.',
  'booking.slots.more': 'نشان دادن وقت‌های بعدی', // machine-assisted translation: needs native review
  'booking.confirmed.title': 'وقت ملاقات شما ثبت شد',
  'booking.confirmed.when': 'زمان: {time}',
  'booking.confirmed.linkLater': 'لینک جلسه را قبل از ملاقات همین‌جا در این گفتگو برایتان می‌فرستیم.',
  'booking.confirmed.linkByEmail': 'لینک جلسه را به ایمیل شما می‌فرستیم. می‌توانید از مرورگر تلفن یا کمپیوتر خود وصل شوید.', // machine-assisted translation: needs native review
  'booking.join': 'پیوستن به جلسه',
  'booking.cancel': 'لغو ملاقات',
  'booking.cancelled.title': 'ملاقات شما لغو شد.',
  'booking.noShow.title': 'شما به قرار ملاقات خود نرسیدید. لطفاً یک وقت جدید رزرو کنید.',
  'booking.bookNew': 'وقت جدید بگیرید',
  'booking.start': 'وقت بگیرید',
  'booking.notFound': 'این ملاقات را پیدا نکردیم.',
  'booking.reminder': 'یادآوری: شما یک وقت مشاوره دارید در {time}.', // (unconfirmed)
  'booking.meetingReady': 'لینک ملاقات شما آماده است: {url}', // (unconfirmed)
  'booking.linkReady.title': 'لینک ملاقات شما آماده است', // (unconfirmed)
  'email.confirmation.subject': 'وقت مشاوره شما رزرو شد', // (unconfirmed)
  'email.confirmation.greeting': 'سلام،', // (unconfirmed)
  'email.confirmation.when': 'وقت شما: {time}.', // (unconfirmed)
  'email.confirmation.join': 'پیوستن به جلسه', // (unconfirmed)
  'email.confirmation.browser': 'می‌توانید از طریق مرورگر وارد شوید. به برنامه Teams نیاز ندارید.', // (unconfirmed)
  'email.confirmation.contact': 'برای لغو یا تغییر وقت، لطفاً با خدمات تماس بگیرید.', // (unconfirmed)
  // machine-assisted translation: needs native review
  'email.reminder.subject': 'یادآوری: وقت مشاوره شما',
  'email.reminder.when': 'شما یک وقت مشاوره دارید در {time}.',
  'email.reminder.linkLater': 'وقتی لینک جلسه آماده شد، آن را با ایمیل برای شما می‌فرستیم.',
  'email.moved.subject': 'زمان وقت مشاوره شما تغییر کرد',
  'email.moved.when': 'زمان جدید شما: {time}.',
  'email.moved.newLink': 'لینک جلسه جدید است. لینک قبلی کار نمی‌کند. از این لینک استفاده کنید:',
  'email.cancelled.subject': 'وقت مشاوره شما لغو شد',
  'email.cancelled.when': 'وقت شما در {time} لغو شد.',
  'email.cancelled.bookNew': 'اگر به مشاوره نیاز دارید، می‌توانید وقت جدیدی بگیرید.',
  'booking.reschedule': 'تغییر وقت', // (unconfirmed)
  'booking.reschedule.title': 'یک وقت جدید انتخاب کنید', // (unconfirmed)
  'booking.rescheduled.title': 'وقت ملاقات شما تغییر کرد', // (unconfirmed)
  // Public booking page (/book), for clients without Teams.
  'public.title': 'وقت مشاوره بگیرید', // machine-assisted translation: needs native review
  'public.loading': 'لطفاً صبر کنید…', // machine-assisted translation: needs native review
  'public.error.network': 'به خدمت دسترسی پیدا نکردیم. اتصال انترنت خود را بررسی کنید و دوباره کوشش کنید.', // machine-assisted translation: needs native review
  'public.error.sessionExpired': 'وقت شما در این صفحه تمام شد. لطفاً فورم را دوباره پر کنید.', // machine-assisted translation: needs native review
  'public.error.tooMany': 'تلاش‌های زیاد در زمان کوتاه. یک دقیقه صبر کنید و دوباره کوشش کنید.', // machine-assisted translation: needs native review
  'public.noScript': 'این صفحه به JavaScript نیاز دارد. لطفاً آن را در مرورگر خود روشن کنید.', // machine-assisted translation: needs native review
};
