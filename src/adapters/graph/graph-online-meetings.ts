import type { Client } from '@microsoft/microsoft-graph-client';
import type { OnlineMeeting } from '@microsoft/microsoft-graph-types';
import {
  GraphError,
  type BookedMeeting,
  type MeetingForBooking,
  type MeetingToCancel,
  type OnlineMeetings,
} from '../../use-cases/ports/graph.js';
import { callGraph, DEFAULT_GRAPH_TIMEOUT_MS, graphRequest } from './graph-request.js';

/** Tuning of {@link GraphOnlineMeetings}. */
export interface GraphOnlineMeetingsOptions {
  readonly timeoutMs?: number;
}

/**
 * `OnlineMeetings` over `POST /users/{organizerId}/onlineMeetings/createOrGet` with
 * `externalId` = booking id.
 *
 * Why this path and not a calendar event with `isOnlineMeeting: true`: createOrGet is idempotent
 * by contract (same externalId → the same meeting, 200 instead of 201), and the outbox delivers
 * at least once; an event POST would create a second event and a second meeting on every
 * redelivery (Graph has no idempotency key for events). The cost: the meeting does not appear
 * in the adviser's Outlook calendar by itself — the booking confirmation carries an .ics, and
 * Neuvo's own day view lists the sessions.
 *
 * Needs `OnlineMeetings.ReadWrite.All` (application) AND a Teams application access policy
 * granted to each adviser (`New-CsApplicationAccessPolicy` / `Grant-CsApplicationAccessPolicy`);
 * without the policy Graph answers 403, which is permanent here.
 */
export class GraphOnlineMeetings implements OnlineMeetings {
  private readonly timeoutMs: number;

  constructor(
    private readonly client: Client,
    options: GraphOnlineMeetingsOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_GRAPH_TIMEOUT_MS;
  }

  async createMeetingForBooking(meeting: MeetingForBooking): Promise<BookedMeeting> {
    const body: OnlineMeeting = {
      externalId: meeting.bookingId,
      subject: meeting.subject,
      startDateTime: meeting.start.toISOString(),
      endDateTime: meeting.end.toISOString(),
    };
    const path = `/users/${encodeURIComponent(meeting.organizerId)}/onlineMeetings/createOrGet`;
    const created = await callGraph('onlineMeetings/createOrGet', () => graphRequest(this.client, path, this.timeoutMs).post(body) as Promise<OnlineMeeting | null>);
    if (!created?.id || !created.joinWebUrl) {
      throw new GraphError('Graph onlineMeetings/createOrGet answered without id or joinWebUrl.', 'unknown', { status: 200 });
    }
    return { meetingId: created.id, joinUrl: created.joinWebUrl };
  }

  async cancelMeetingForBooking(meeting: MeetingToCancel): Promise<void> {
    const path = `/users/${encodeURIComponent(meeting.organizerId)}/onlineMeetings/${encodeURIComponent(meeting.meetingId)}`;
    try {
      await callGraph('onlineMeetings/delete', () => graphRequest(this.client, path, this.timeoutMs).delete() as Promise<unknown>);
    } catch (error) {
      // Already deleted (a redelivered cancel, or removed in Teams): the outcome we wanted.
      if (error instanceof GraphError && error.reason === 'not_found') return;
      throw error;
    }
  }
}
