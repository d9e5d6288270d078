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
  'language.changed': 'زبان به {language} تغییر کرد.',
  'language.name': 'دری / فارسی',
};
