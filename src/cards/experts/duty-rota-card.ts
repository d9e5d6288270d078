import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { localDateLabel, withoutEmptyInputValues } from '../adviser/staff-format.js';
import { EXPERT_ROTA_SAVE } from '../verbs.js';
import dutyRotaCardJson from './duty-rota-card.json' with { type: 'json' };

export type DutyRotaCardError = 'expert' | 'from' | 'to' | 'order' | 'too_long';

export interface DutyRotaCardViewModel {
  readonly lang: StaffLanguage;
  /** The shifts of the coming weeks, earliest first. */
  readonly shifts: readonly { readonly expertName: string; readonly from: string; readonly to: string }[];
  readonly experts: readonly { readonly id: string; readonly displayName: string }[];
  readonly values?: { readonly expertId?: string; readonly from?: string; readonly to?: string };
  readonly errors?: readonly DutyRotaCardError[];
  /** After a save: the shift just set. */
  readonly saved?: { readonly expertName: string; readonly from: string; readonly to: string };
}

const expand = compileCardTemplate<Record<string, unknown>>('duty-rota', dutyRotaCardJson);

/**
 * The coordinator's on-duty backup rota (issue 5's SLA): the shifts of the next four weeks and a
 * form to put one expert on duty for a period ({@link EXPERT_ROTA_SAVE}; the server re-checks the
 * expert and the dates, and replaces the shifts that overlap the period). Pure.
 */
export function renderDutyRotaCard(vm: DutyRotaCardViewModel): CardAttachment {
  const { lang } = vm;
  const period = (s: { from: string; to: string }) => `${localDateLabel(s.from, lang)} – ${localDateLabel(s.to, lang)}`;
  const errorsFor = (...codes: DutyRotaCardError[]) => (vm.errors ?? []).filter((e) => codes.includes(e)).map((e) => ({ text: staffText(lang, `experts.rota.error.${e}`) }));
  return withoutEmptyInputValues(
    expand({
      lang,
      title: staffText(lang, 'experts.rota.title'),
      intro: staffText(lang, vm.shifts.length === 0 ? 'experts.rota.none' : 'experts.rota.intro'),
      goodLines: vm.saved ? [{ text: staffText(lang, 'experts.rota.saved', { name: vm.saved.expertName, period: period(vm.saved) }) }] : [],
      shifts: vm.shifts.map((s) => ({ text: `${s.expertName}: ${period(s)}` })),
      formTitle: staffText(lang, 'experts.rota.formTitle'),
      expertLabel: staffText(lang, 'experts.rota.expert'),
      expertValue: vm.values?.expertId ?? '',
      experts: vm.experts.map((e) => ({ title: e.displayName, value: e.id })),
      expertErrors: errorsFor('expert'),
      fromLabel: staffText(lang, 'experts.rota.from'),
      fromValue: vm.values?.from ?? '',
      fromErrors: errorsFor('from'),
      toLabel: staffText(lang, 'experts.rota.to'),
      toValue: vm.values?.to ?? '',
      toErrors: errorsFor('to', 'order', 'too_long'),
      saveLabel: staffText(lang, 'experts.rota.save'),
      saveVerb: EXPERT_ROTA_SAVE,
    }),
  );
}
