import type { Client } from '../../src/domain/staff/staff.js';
import type { NewClient } from '../../src/use-cases/ports/repositories.js';
import { nextSequence } from './sequence.js';

/**
 * Client builders: valid defaults (a Joensuu client who reads Ukrainian), overrides for what a
 * test is about. `aNewClient` builds the input of `ClientRepository.create`; `aClient` a stored
 * client for use-case tests on fakes.
 */
export function aNewClient(overrides: Partial<NewClient> = {}): NewClient {
  return {
    municipalityCode: 'joensuu',
    displayName: `Client ${nextSequence()}`,
    preferredLanguage: 'uk',
    ...overrides,
  };
}

export function aClient(overrides: Partial<Client> = {}): Client {
  return { id: `client-${nextSequence()}`, ...aNewClient(), createdAt: new Date('2025-03-03T08:00:00Z'), ...overrides };
}
