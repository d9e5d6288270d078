import { describe, expect, it } from 'vitest';
import { PARTNER_MUNICIPALITIES } from '../domain/municipality.js';
import { InMemoryUnitOfWork } from '../../test/fakes/in-memory-unit-of-work.js';
import { DEMO_PEOPLE, DEMO_TENANT_ID, seedDemoData } from './seed-demo-data.js';

describe('seedDemoData', () => {
  it('creates one row per demo person, audits the client write, and can run at every start', async () => {
    const uow = new InMemoryUnitOfWork();
    for (const m of PARTNER_MUNICIPALITIES) await uow.municipalities.upsert(m);
    const now = new Date('2026-11-27T10:00:00Z');
    await seedDemoData(uow, now);
    await seedDemoData(uow, now);

    for (const role of ['adviser', 'expert', 'coordinator', 'municipal_staff'] as const) {
      expect(await uow.staff.listByRole(role)).toHaveLength(1);
    }
    const [adviser] = await uow.schedules.getProfiles({ municipalityCode: 'liperi' });
    expect(adviser?.weeklyHours).toHaveLength(5);
    const clientPerson = DEMO_PEOPLE.find((p) => p.key === 'client')!;
    const client = await uow.clients.findByEntraId(DEMO_TENANT_ID, clientPerson.entraObjectId);
    expect(client).toMatchObject({ municipalityCode: 'liperi' });
    const audit = await uow.audit.list({ clientId: client!.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'client.create', actorId: 'system:demo-seed', outcome: 'ok' });
    // The audit row names fields, never their values.
    expect(JSON.stringify(audit)).not.toContain(clientPerson.displayName);
    // Three knowledge-base answers for "Ask an expert" to suggest, not doubled by the second start.
    expect((await uow.knowledgeBase.search('oleskelulupa Kela asunto', 10)).map((h) => h.article.topic).sort()).toEqual(['housing', 'kela_benefits', 'residence_permit']);
  });
});
