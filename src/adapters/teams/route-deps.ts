import type { Logger } from 'pino';
import type { UnitOfWork } from '../../use-cases/ports/repositories.js';

/** The typed deps object every route module's `register(app, deps)` receives. */
export interface RouteDeps {
  readonly repos: UnitOfWork;
  readonly clock: () => Date;
  readonly logger: Logger;
}
