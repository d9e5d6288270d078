import type { Logger } from 'pino';
import type { ExpertSla } from '../../use-cases/experts/expert-access.js';
import type { AdviserCalendar } from '../../use-cases/ports/graph.js';
import type { UnitOfWork } from '../../use-cases/ports/repositories.js';
import type { RegisterRouting } from '../../use-cases/register/register-sync.js';

/** The typed deps object every route module's `register(app, deps)` receives. */
export interface RouteDeps {
  readonly repos: UnitOfWork;
  readonly clock: () => Date;
  readonly logger: Logger;
  /** Advisers' Outlook free/busy for slot searches; absent when Graph is not configured. */
  readonly calendar?: AdviserCalendar;
  /** Which municipalities' registers a logged contact is copied to. */
  readonly registers: RegisterRouting;
  /** The expert channel's SLA: when an unclaimed question goes to the on-duty backup. */
  readonly expertSla: ExpertSla;
}
