import { CHANNEL_PURPOSES, type ChannelPurpose, type StoredChannel } from '../ports/experts.js';
import type { StaffIdentity } from '../adviser/acting-staff.js';
import { activeStaff, hasRole, type ExpertDeps } from './expert-access.js';

/** Where the bot was told to post: the Teams channel the coordinator's command came from. */
export interface ChannelTarget {
  readonly tenantId: string;
  readonly conversationId: string;
  /** The Bot Framework conversation reference for proactive posts (the adapter strips names first). */
  readonly reference: unknown;
}

export type SetChannelResult =
  | { readonly ok: true; readonly channel: StoredChannel }
  | { readonly ok: false; readonly reason: 'forbidden' }
  /** The channel is in another tenant than the coordinator: refused, so no tenant can redirect another's posts. */
  | { readonly ok: false; readonly reason: 'wrong_tenant' }
  | { readonly ok: false; readonly reason: 'invalid' };

/**
 * A coordinator sets (or moves) the experts' channel or the staff announcement channel. Later
 * posts go to the new channel; cards already posted stay where they are.
 */
export async function setChannel(deps: ExpertDeps, actor: StaffIdentity, purpose: ChannelPurpose, channel: ChannelTarget): Promise<SetChannelResult> {
  const member = await activeStaff(deps.uow.staff, actor);
  if (!member || !hasRole(member, 'coordinator')) return { ok: false, reason: 'forbidden' };
  if (channel.tenantId !== member.tenantId) return { ok: false, reason: 'wrong_tenant' };
  if (!CHANNEL_PURPOSES.includes(purpose) || typeof channel.conversationId !== 'string' || channel.conversationId.trim() === '') return { ok: false, reason: 'invalid' };
  const stored: StoredChannel = { purpose, tenantId: channel.tenantId, conversationId: channel.conversationId, reference: channel.reference, setBy: member.id, setAt: deps.clock() };
  await deps.uow.channels.set(stored);
  return { ok: true, channel: stored };
}
