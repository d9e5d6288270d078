import { instantAt } from '../../domain/booking/helsinki-time.js';
import type { StaffIdentity } from '../adviser/acting-staff.js';
import type { Training } from '../ports/experts.js';
import { activeStaff, hasRole, isLocalDate, type ExpertDeps } from './expert-access.js';
import { enqueueTrainingCard } from './expert-topics.js';

/** The announcement form's fields, as the card sent them: unchecked strings. */
export interface TrainingInput {
  readonly title: string;
  readonly description: string;
  /** Helsinki date 'YYYY-MM-DD'. */
  readonly date: string;
  /** Helsinki wall time 'HH:MM'. */
  readonly time: string;
  /** A place or a Teams link. */
  readonly location: string;
  /** A whole number of seats; blank or absent = no limit. */
  readonly capacity?: string;
}

export const MAX_TRAINING_TITLE = 200;
export const MAX_TRAINING_DESCRIPTION = 2000;
export const MAX_TRAINING_LOCATION = 500;
export const MAX_TRAINING_CAPACITY = 10_000;

export type TrainingInputError = 'title' | 'description' | 'date' | 'time' | 'in_past' | 'location' | 'capacity';

export type AnnounceTrainingResult =
  | { readonly ok: true; readonly training: Training }
  | { readonly ok: false; readonly reason: 'forbidden' }
  | { readonly ok: false; readonly reason: 'invalid'; readonly errors: readonly TrainingInputError[] }
  /** No staff announcement channel is set: a coordinator sets one first (channels.ts). */
  | { readonly ok: false; readonly reason: 'no_channel' };

export type SignUpForTrainingResult =
  /** `already`: the person had signed up before (pressing twice counts once). `count`: sign-ups now. */
  | { readonly ok: true; readonly already: boolean; readonly count: number; readonly training: Training }
  | { readonly ok: false; readonly reason: 'forbidden' | 'not_found' | 'full' };

const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const WHOLE_NUMBER = /^\d{1,6}$/;

type Checked = { readonly ok: true; readonly value: Omit<Training, 'id' | 'createdAt' | 'createdBy'> } | { readonly ok: false; readonly errors: TrainingInputError[] };

function checkTraining(input: TrainingInput, now: Date): Checked {
  const errors: TrainingInputError[] = [];
  const title = str(input.title);
  const description = str(input.description);
  const location = str(input.location);
  const date = str(input.date);
  const time = str(input.time);
  const capacityText = str(input.capacity);
  if (title === '' || title.length > MAX_TRAINING_TITLE) errors.push('title');
  if (description.length > MAX_TRAINING_DESCRIPTION) errors.push('description');
  const dateOk = isLocalDate(date);
  if (!dateOk) errors.push('date');
  const timeOk = WALL_TIME.test(time);
  if (!timeOk) errors.push('time');
  const startsAt = dateOk && timeOk ? instantAt(date, time) : undefined;
  if (startsAt && startsAt.getTime() <= now.getTime()) errors.push('in_past');
  if (location === '' || location.length > MAX_TRAINING_LOCATION) errors.push('location');
  let capacity: number | null = null;
  if (capacityText !== '') {
    capacity = WHOLE_NUMBER.test(capacityText) ? Number(capacityText) : NaN;
    if (!(capacity >= 1 && capacity <= MAX_TRAINING_CAPACITY)) errors.push('capacity');
  }
  if (errors.length > 0 || !startsAt) return { ok: false, errors };
  return { ok: true, value: { title, description, startsAt, location, capacity } };
}

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * A coordinator announces a training: checked (every error at once; the start, in Helsinki time,
 * must be in the future), stored, and its card queued for the staff announcement channel in the
 * same transaction. Refused with `no_channel` while no such channel is set, so an announcement is
 * never stored that nobody would see.
 */
export async function announceTraining(deps: ExpertDeps, actor: StaffIdentity, input: TrainingInput): Promise<AnnounceTrainingResult> {
  const now = deps.clock();
  const { uow } = deps;
  const member = await activeStaff(uow.staff, actor);
  if (!member || !hasRole(member, 'coordinator')) return { ok: false, reason: 'forbidden' };
  const checked = checkTraining(input, now);
  if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
  if (!(await uow.channels.get('staff_announcements'))) return { ok: false, reason: 'no_channel' };
  return uow.transaction(async (tx) => {
    const training = await tx.trainings.create({ ...checked.value, createdBy: member.id }, now);
    await enqueueTrainingCard(tx, training.id, now);
    return { ok: true, training } as const;
  });
}

/** Any active staff member signs up from the announcement card; idempotent, refused when full. */
export async function signUpForTraining(deps: ExpertDeps, actor: StaffIdentity, trainingId: string): Promise<SignUpForTrainingResult> {
  const { uow } = deps;
  const member = await activeStaff(uow.staff, actor);
  if (!member) return { ok: false, reason: 'forbidden' };
  const training = await uow.trainings.get(trainingId);
  if (!training) return { ok: false, reason: 'not_found' };
  const result = await uow.trainings.signUp(training.id, member.id, deps.clock());
  if (!result.ok) return { ok: false, reason: result.reason };
  return { ok: true, already: result.already, count: result.count, training };
}
