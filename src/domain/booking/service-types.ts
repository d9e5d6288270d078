import type { ServiceType } from './booking.js';

/**
 * The default appointment (seeded at start, editable later by a coordinator): 45 min guidance,
 * 15 min buffer for notes, at least 2 h notice, bookable 6 weeks ahead, times every 15 min.
 */
export const GUIDANCE_SERVICE_TYPE: ServiceType = Object.freeze({
  code: 'guidance',
  lengthMinutes: 45,
  bufferMinutes: 15,
  minNoticeMinutes: 120,
  horizonDays: 42,
  slotStepMinutes: 15,
});
