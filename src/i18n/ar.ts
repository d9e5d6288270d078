import type { Messages } from './en.js';

/**
 * Arabic catalog (Modern Standard Arabic, right-to-left). Addresses the reader in the generic
 * masculine singular, as most Arabic app UIs do; a reviewer may prefer the plural (بكم).
 * Digits stay Western (112) so they match the phone keypad. Latin words (Neuvo, help,
 * language) sit inside Arabic sentences; `t()` isolates inserted values with FSI/PDI.
 * The whole catalog waits for a native-speaker review. (unconfirmed)
 */
export const ar: Messages = {
  'welcome.title': 'مرحبًا بك في Neuvo',
  'welcome.subtitle': 'International House Joensuu والبلديات الشريكة',
  'welcome.body':
    'هنا يمكنك الحصول على النصيحة بلغتك. ويمكنك أيضًا حجز موعد مع مستشار. الخدمة مجانية.',
  'welcome.languagePrompt': 'اختر لغتك',
  'welcome.staffBody':
    'هنا يمكنك إدارة مواعيد الإرشاد وتسجيل مراجعات العملاء وطرح الأسئلة على خبير الاندماج.',
  'action.help': 'مساعدة',
  'reply.received': 'شكرًا، وصلتنا رسالتك. للتحدث مع مستشار، احجز موعدًا من القائمة.',
  'reply.emergency': 'في حالة الطوارئ اتصل بالرقم 112.',
  'reply.help': 'يمكنك كتابة هذه الكلمات:\n- help: لعرض هذه المساعدة\n- language: لتغيير اللغة',
  'error.generic': 'عذرًا، حدث خطأ. لم يضع أي شيء. يُرجى المحاولة مرة أخرى بعد قليل.',
  'error.notAllowed': 'عذرًا، لا يمكنك القيام بهذا هنا. اكتب help لترى ما يمكنك فعله.',
  'error.tooLarge': 'عذرًا، الرسالة أو الملف كبير جدًا. أرسل رسالة أقصر أو ملفًا أصغر.',
  'error.invalidInput': 'عذرًا، لم نفهم هذا. تحقّق من المعلومات وحاول مرة أخرى.',
  // A card button refused by its action token (ADR 14): used once already, too old, or not this person's / chat's.
  'card.action.used': 'تم استخدام هذا الزر من قبل، لذلك لم يتم فعل أي شيء آخر. اكتب help لترى ما يمكنك فعله.',
  'card.action.expired': 'هذا الزر قديم جدًا ولم يعد يعمل. لم يتم فعل أي شيء. اكتب help لترى ما يمكنك فعله.',
  'card.action.invalid': 'هذا الزر لا يعمل هنا. لم يتم فعل أي شيء. اكتب help لترى ما يمكنك فعله.',
  'language.changed': 'تم تغيير اللغة إلى {language}.',
  'language.name': 'العربية',
  'intake.title': 'أخبرنا عن موضوعك',
  'intake.intro': 'أجب عن بعض الأسئلة. هذا يساعدنا على الاستعداد لموعدك.',
  'intake.privacy': 'لا يرى هذه المعلومات إلا الموظفون الذين يساعدونك. لا تكتب رقم هويتك الشخصية.', // (unconfirmed) term for henkilötunnus
  'intake.name.label': 'اسمك أو الاسم الذي تحب أن نناديك به',
  'intake.name.placeholder': 'مثلًا: أمينة',
  'intake.municipality.label': 'في أي بلدية تسكن؟',
  'intake.municipality.placeholder': 'اختر البلدية',
  'intake.language.label': 'ما اللغة التي تريد استخدامها؟',
  'intake.interpreterNeeded.label': 'مترجم',
  'intake.interpreterNeeded.title': 'أحتاج إلى مترجم',
  'intake.interpreterLanguage.label': 'ما اللغة التي يجب أن يتحدثها المترجم؟',
  'intake.interpreterLanguage.placeholder': 'مثلًا: التغرينية',
  'intake.interpreterLanguage.help': 'اكتب هذا فقط إذا كنت تحتاج إلى مترجم.',
  'intake.topics.label': 'في أي موضوع تحتاج إلى مساعدة؟ يمكنك اختيار أكثر من موضوع.',
  'intake.description.label': 'أخبرنا باختصار عن موضوعك (اختياري)',
  'intake.description.placeholder': 'يمكنك كتابة {max} حرف كحد أقصى.',
  'intake.contact.heading': 'كيف يمكننا التواصل معك؟ (اختياري)',
  'intake.contact.headingWeb': 'كيف يمكننا التواصل معك؟',
  'intake.contactTeams.label': 'Teams',
  'intake.contactTeams.title': 'يمكنكم التواصل معي هنا في Teams',
  'intake.email.label': 'البريد الإلكتروني (اختياري)',
  'intake.email.placeholder': 'name@example.com',
  'intake.email.requiredLabel': 'البريد الإلكتروني (نرسل رابط الموعد إلى هنا)', // machine-assisted translation: needs native review
  'intake.phone.label': 'رقم الهاتف (اختياري)',
  'intake.phone.placeholder': '040 123 4567',
  'intake.consentShare.label': 'مشاركة المعلومات (اختياري)',
  // (unconfirmed) "الجهات التي تحيلونني إليها" for referral.
  'intake.consentShare.title':
    'أوافق على أن تعطوا معلوماتي للجهات التي تحيلونني إليها، مثل Kela. يمكنني إلغاء هذه الموافقة في أي وقت.',
  'intake.submit': 'إرسال',
  'intake.error.summary': 'بعض المعلومات ناقصة أو غير صحيحة. يُرجى قراءة الرسائل في النموذج.',
  'intake.error.nameRequired': 'يُرجى كتابة اسمك أو الاسم الذي تحب أن نناديك به.',
  'intake.error.nameTooLong': 'الاسم طويل جدًا. يُرجى كتابة اسم أقصر.',
  'intake.error.nameInvalid': 'في الاسم رموز لا يمكننا استخدامها. يُرجى كتابة الاسم مرة أخرى.',
  'intake.error.municipalityRequired': 'يُرجى اختيار بلديتك من القائمة.',
  'intake.error.languageRequired': 'يُرجى اختيار لغة من القائمة.',
  'intake.error.interpreterLanguageRequired': 'يُرجى كتابة اللغة التي يجب أن يتحدثها المترجم.',
  'intake.error.interpreterLanguageInvalid': 'يُرجى كتابة اسم اللغة فقط، بالحروف.',
  'intake.error.topicsRequired': 'يُرجى اختيار موضوع واحد على الأقل.',
  'intake.error.topicsInvalid': 'يُرجى اختيار المواضيع من القائمة.',
  'intake.error.descriptionTooLong': 'النص طويل جدًا. يمكنك كتابة {max} حرف كحد أقصى.',
  'intake.error.emailInvalid': 'يُرجى التحقق من البريد الإلكتروني. يجب أن يكون مثل name@example.com.',
  'intake.error.emailRequired': 'من فضلك اكتب بريدك الإلكتروني. سنرسل رابط الموعد إليه.', // machine-assisted translation: needs native review
  'intake.error.phoneInvalid': 'يُرجى التحقق من رقم الهاتف. استخدم الأرقام فقط، مثلًا 040 123 4567.',
  'intake.error.identityCodeNotAllowed':
    'يُرجى عدم كتابة رقم هويتك الشخصية. نحن لا نحتاج إليه، لذلك حذفناه.',
  'intake.error.choiceInvalid': 'يُرجى الاختيار مرة أخرى.',
  'intake.error.unknownField': 'كان في النموذج شيء غير متوقع. يُرجى التحقق من المعلومات وإرسالها مرة أخرى.',
  'intake.summary.title': 'شكرًا لك. وصلتنا معلوماتك.',
  'intake.summary.topics': 'المواضيع التي تحتاج فيها إلى مساعدة:',
  'intake.summary.municipality': 'البلدية: {municipality}',
  'intake.summary.nextStep': 'الخطوة التالية: اختر وقتًا لموعدك.',
  'intake.summary.book': 'احجز موعدًا',
  'topic.residence_permit': 'تصريح الإقامة',
  'topic.work_jobseeking': 'العمل والبحث عن عمل',
  'topic.studies_language': 'الدراسة ودورات اللغة',
  'topic.housing': 'السكن',
  'topic.kela_benefits': 'إعانات Kela',
  'topic.health': 'الخدمات الصحية',
  'topic.family_children': 'الأسرة والأطفال',
  'topic.registration_everyday': 'التسجيل والأمور اليومية (DVV، البنك، البطاقة الضريبية)',
  'topic.other': 'موضوع آخر',
  // Booking cards (unconfirmed: native-speaker review).
  'booking.slots.title': 'اختر وقتًا',
  'booking.slots.none': 'لا توجد أوقات متاحة الآن. يرجى المحاولة مرة أخرى غدًا.',
  'booking.slots.taken': 'حجز شخص آخر هذا الوقت قبل قليل. يرجى اختيار وقت آخر.',
  'booking.slots.notOffered': 'هذا الوقت لم يعد متاحًا. يرجى اختيار وقت آخر.',
  'booking.slots.more': 'عرض أوقات لاحقة', // machine-assisted translation: needs native review
  'booking.confirmed.title': 'تم حجز موعدك',
  'booking.confirmed.when': 'الوقت: {time}',
  'booking.confirmed.linkLater': 'سنرسل لك رابط الاجتماع هنا في هذه المحادثة قبل الموعد.',
  'booking.confirmed.linkByEmail': 'سنرسل رابط الموعد إلى بريدك الإلكتروني. يمكنك الانضمام من المتصفح في هاتفك أو حاسوبك.', // machine-assisted translation: needs native review
  'booking.join': 'انضم إلى الاجتماع',
  'booking.cancel': 'إلغاء الموعد',
  'booking.cancelled.title': 'تم إلغاء موعدك.',
  'booking.noShow.title': 'فاتك موعدك. يرجى حجز موعد جديد.',
  'booking.bookNew': 'احجز وقتًا جديدًا',
  'booking.start': 'احجز موعدًا',
  'booking.notFound': 'لم نجد هذا الموعد.',
  'booking.reminder': 'تذكير: لديك موعد استشارة في {time}.', // (unconfirmed)
  'booking.meetingReady': 'رابط موعدك جاهز: {url}', // (unconfirmed)
  'booking.linkReady.title': 'رابط موعدك جاهز', // (unconfirmed)
  'email.confirmation.subject': 'تم حجز موعد الاستشارة الخاص بك', // (unconfirmed)
  'email.confirmation.greeting': 'مرحبًا،', // (unconfirmed)
  'email.confirmation.when': 'موعدك في {time}.', // (unconfirmed)
  'email.confirmation.join': 'انضم إلى الاجتماع', // (unconfirmed)
  'email.confirmation.browser': 'يمكنك الانضمام من متصفح الإنترنت. لا تحتاج إلى تطبيق Teams.', // (unconfirmed)
  'email.confirmation.contact': 'لإلغاء الموعد أو تغيير الوقت، يرجى التواصل مع الخدمة.', // (unconfirmed)
  // machine-assisted translation: needs native review
  'email.reminder.subject': 'تذكير: موعد الاستشارة الخاص بك',
  'email.reminder.when': 'لديك موعد استشارة في {time}.',
  'email.reminder.linkLater': 'سنرسل لك رابط الاجتماع بالبريد الإلكتروني عندما يصبح جاهزًا.',
  'email.moved.subject': 'تم تغيير وقت موعد الاستشارة الخاص بك',
  'email.moved.when': 'موعدك الجديد في {time}.',
  'email.moved.newLink': 'رابط الاجتماع جديد. الرابط القديم لا يعمل. استخدم هذا الرابط:',
  'email.cancelled.subject': 'تم إلغاء موعد الاستشارة الخاص بك',
  'email.cancelled.when': 'تم إلغاء موعدك في {time}.',
  'email.cancelled.bookNew': 'إذا كنت بحاجة إلى مشورة، يمكنك حجز موعد جديد.',
  'booking.reschedule': 'تغيير الوقت', // (unconfirmed)
  'booking.reschedule.title': 'اختر وقتًا جديدًا', // (unconfirmed)
  'booking.rescheduled.title': 'تم تغيير موعدك', // (unconfirmed)
  // Public booking page (/book), for clients without Teams.
  'public.title': 'احجز موعدًا للإرشاد', // machine-assisted translation: needs native review
  'public.loading': 'انتظر قليلًا من فضلك…', // machine-assisted translation: needs native review
  'public.error.network': 'لم نتمكن من الوصول إلى الخدمة. تحقق من اتصالك بالإنترنت وحاول مرة أخرى.', // machine-assisted translation: needs native review
  'public.error.sessionExpired': 'انتهى وقتك في هذه الصفحة. من فضلك املأ النموذج مرة أخرى.', // machine-assisted translation: needs native review
  'public.error.tooMany': 'محاولات كثيرة في وقت قصير. انتظر دقيقة ثم حاول مرة أخرى.', // machine-assisted translation: needs native review
  'public.noScript': 'تحتاج هذه الصفحة إلى JavaScript. من فضلك شغّله في متصفحك.', // machine-assisted translation: needs native review
};
