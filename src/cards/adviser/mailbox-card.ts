import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { MAX_UPN_LENGTH } from '../../use-cases/adviser/set-adviser-mailbox.js';
import { withoutEmptyInputValues } from './staff-format.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { SET_MAILBOX } from '../verbs.js';
import mailboxCardJson from './mailbox-card.json' with { type: 'json' };

/** An adviser the coordinator can pick (staff data: name and current mailbox). */
export interface MailboxCardAdviser {
  readonly adviserId: string;
  readonly displayName: string;
  readonly mailbox: string | null;
}

export type MailboxCardNotice = { readonly kind: 'saved'; readonly displayName: string; readonly mailbox: string | null };

export interface MailboxCardViewModel {
  readonly lang: StaffLanguage;
  readonly advisers: readonly MailboxCardAdviser[];
  readonly notice?: MailboxCardNotice;
  /** Values as typed, after an invalid save. */
  readonly values?: { readonly adviserId?: string; readonly mailbox?: string };
  readonly errors?: readonly ('adviser' | 'mailbox')[];
}

interface Line {
  readonly text: string;
}

interface MailboxTemplateData {
  readonly lang: StaffLanguage;
  readonly title: string;
  readonly intro: string;
  readonly goodLines: readonly Line[];
  readonly noneLines: readonly Line[];
  /** One form, or none when there is no adviser to pick. */
  readonly forms: readonly {
    adviserLabel: string;
    adviserPlaceholder: string;
    adviserValue: string;
    choices: readonly { title: string; value: string }[];
    adviserErrors: readonly Line[];
    mailboxLabel: string;
    mailboxPlaceholder: string;
    mailboxValue: string;
    maxLength: number;
    mailboxErrors: readonly Line[];
    help: string;
    saveLabel: string;
    saveVerb: typeof SET_MAILBOX;
  }[];
}

const expandMailboxCard = compileCardTemplate<MailboxTemplateData>('mailbox', mailboxCardJson);

/**
 * The coordinator's card for advisers' Outlook mailboxes: pick an adviser (each choice shows their
 * current mailbox), type the UPN (empty = stop reading Outlook), "Save" sends {@link SET_MAILBOX}
 * with `adviserId` and `mailbox`. Pure.
 */
export function renderMailboxCard(vm: MailboxCardViewModel): CardAttachment {
  const { lang } = vm;
  const errors = vm.errors ?? [];
  const notice = vm.notice;
  return withoutEmptyInputValues(expandMailboxCard({
    lang,
    title: staffText(lang, 'mailbox.title'),
    intro: staffText(lang, 'mailbox.intro'),
    goodLines:
      notice === undefined
        ? []
        : [
            {
              text:
                notice.mailbox === null
                  ? staffText(lang, 'mailbox.cleared', { name: notice.displayName })
                  : staffText(lang, 'mailbox.saved', { name: notice.displayName, mailbox: notice.mailbox }),
            },
          ],
    noneLines: vm.advisers.length === 0 ? [{ text: staffText(lang, 'mailbox.none') }] : [],
    forms:
      vm.advisers.length === 0
        ? []
        : [
            {
              adviserLabel: staffText(lang, 'mailbox.adviser'),
              adviserPlaceholder: staffText(lang, 'mailbox.adviserPlaceholder'),
              adviserValue: vm.values?.adviserId ?? '',
              choices: vm.advisers.map((a) => ({
                title: staffText(lang, 'mailbox.entry', { name: a.displayName, mailbox: a.mailbox ?? staffText(lang, 'mailbox.notSet') }),
                value: a.adviserId,
              })),
              adviserErrors: errors.includes('adviser') ? [{ text: staffText(lang, 'mailbox.error.adviser') }] : [],
              mailboxLabel: staffText(lang, 'mailbox.upn'),
              mailboxPlaceholder: 'name@example.fi',
              mailboxValue: vm.values?.mailbox ?? '',
              maxLength: MAX_UPN_LENGTH,
              mailboxErrors: errors.includes('mailbox') ? [{ text: staffText(lang, 'mailbox.error.invalid') }] : [],
              help: staffText(lang, 'mailbox.upnHelp'),
              saveLabel: staffText(lang, 'mailbox.save'),
              saveVerb: SET_MAILBOX,
            },
          ],
  }));
}
