import type { Logger } from 'pino';
import type { Repositories } from '../../use-cases/ports/repositories.js';

/** The typed deps object every route module's `register(app, deps)` receives. */
export interface RouteDeps {
  readonly repos: Repositories;
  readonly clock: () => Date;
  readonly logger: Logger;
}
