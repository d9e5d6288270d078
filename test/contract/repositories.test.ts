import { describe } from 'vitest';
import { adviserScheduleRepositoryContract } from './adviser-schedule-repository.contract.js';
import { auditLogRepositoryContract } from './audit-log-repository.contract.js';
import { bookingRepositoryContract } from './booking-repository.contract.js';
import { clientRepositoryContract } from './client-repository.contract.js';
import { conversationReferenceRepositoryContract } from './conversation-reference-repository.contract.js';
import { intakeRepositoryContract } from './intake-repository.contract.js';
import { municipalityRepositoryContract } from './municipality-repository.contract.js';
import { outboxRepositoryContract } from './outbox-repository.contract.js';
import { publicSessionRepositoryContract } from './public-session-repository.contract.js';
import { registerRepositoryContract } from './register-repository.contract.js';
import { processedActivityRepositoryContract } from './processed-activity-repository.contract.js';
import { serviceTypeRepositoryContract } from './service-type-repository.contract.js';
import { staffRepositoryContract } from './staff-repository.contract.js';
import { selectedDialects, useTestDatabase } from './test-databases.js';
import { unitOfWorkContract } from './unit-of-work.contract.js';

// One suite per port, run over every selected dialect (DIALECTS=memory,sqlite,postgres).
for (const dialect of selectedDialects()) {
  describe(`repositories on ${dialect}`, () => {
    const database = useTestDatabase(dialect);
    municipalityRepositoryContract(database);
    staffRepositoryContract(database);
    clientRepositoryContract(database);
    conversationReferenceRepositoryContract(database);
    processedActivityRepositoryContract(database);
    auditLogRepositoryContract(database);
    outboxRepositoryContract(database);
    unitOfWorkContract(database);
    serviceTypeRepositoryContract(database);
    adviserScheduleRepositoryContract(database);
    bookingRepositoryContract(database);
    intakeRepositoryContract(database);
    publicSessionRepositoryContract(database);
    registerRepositoryContract(database);
  });
}
