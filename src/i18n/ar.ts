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
  'language.changed': 'تم تغيير اللغة إلى {language}.',
  'language.name': 'العربية',
};
