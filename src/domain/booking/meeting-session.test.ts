import { describe, expect, it } from 'vitest';
import { meetingDurationMinutes, noShowCheckAt, threadIdFromJoinUrl } from './meeting-session.js';

describe('meeting sessions', () => {
  it('reads the meeting chat thread from a Teams join link', () => {
    expect(threadIdFromJoinUrl('https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ5%40thread.v2/0?context=%7b%22Tid%22%3a%22x%22%7d')).toBe('19:meeting_NjQ5@thread.v2');
    expect(threadIdFromJoinUrl('https://teams.microsoft.com/l/meetup-join/19%3AABC%40thread.skype/1700000000000?context=%7B%7D')).toBe('19:ABC@thread.skype');
    expect(threadIdFromJoinUrl('https://teams.microsoft.com/meet/123456?p=abc')).toBeUndefined();
    expect(threadIdFromJoinUrl('https://teams.microsoft.com/l/meetup-join/%E0%A4%A/0')).toBeUndefined();
    expect(threadIdFromJoinUrl('not a url')).toBeUndefined();
    expect(threadIdFromJoinUrl('https://evil.example/l/meetup-join/19%3ameeting_x%40thread.v2%2F..%2F/0')).toBeUndefined();
  });

  it('checks for a no-show 15 minutes after the later of the booked and the actual start', () => {
    const booked = new Date('2026-03-10T08:00:00Z');
    expect(noShowCheckAt(booked, new Date('2026-03-10T07:55:00Z'))).toEqual(new Date('2026-03-10T08:15:00Z'));
    expect(noShowCheckAt(booked, new Date('2026-03-10T08:10:00Z'))).toEqual(new Date('2026-03-10T08:25:00Z'));
  });

  it('counts a meeting that ended at once as one minute', () => {
    expect(meetingDurationMinutes(new Date(0), new Date(10_000))).toBe(1);
    expect(meetingDurationMinutes(new Date(0), new Date(44.6 * 60_000))).toBe(45);
  });
});
