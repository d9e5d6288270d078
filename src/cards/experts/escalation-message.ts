import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';

/**
 * The mention text for a person: what a Teams message must contain, character for character, as the
 * mention entity's `text` (`{ type: 'mention', text, mentioned: { id, name } }`).
 */
export function mentionText(name: string): string {
  return `<at>${name}</at>`;
}

export interface EscalationMessageViewModel {
  /** The ticket's number ("#42"). */
  readonly number: number;
  /** Whole minutes since the question was asked. */
  readonly minutesWaiting: number;
  /** The on-duty backup expert's display name, exactly as in the mention entity. */
  readonly backupName: string;
}

/**
 * The SLA message to the experts' channel when a question has waited unclaimed: it names the on-duty
 * backup as `<at>{backupName}</at>` ({@link mentionText}); the Teams adapter adds the matching
 * mention entity, without which Teams shows the tags as text. Plain text otherwise (no markdown).
 */
export function escalationMessage(lang: StaffLanguage, vm: EscalationMessageViewModel): string {
  return staffText(lang, 'experts.escalation', { number: vm.number, minutes: vm.minutesWaiting, mention: mentionText(vm.backupName) });
}
