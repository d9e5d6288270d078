import { PARTNER_MUNICIPALITIES } from '../domain/municipality.js';
import type { StaffRole } from '../domain/staff/staff.js';
import type { UnitOfWork } from './ports/repositories.js';

/**
 * The people of the local demo (NEUVO_MODE=local). Their ids match the users configured in the
 * Microsoft 365 Agents Playground (`.m365agentsplayground.yml`), so switching user there switches
 * role here. The names are invented; no real person's data.
 */
export const DEMO_TENANT_ID = '00000000-0000-0000-0000-0000000000d0';

export const DEMO_PEOPLE = [
  { key: 'client', entraObjectId: '00000000-0000-0000-0000-00000000c001', displayName: 'Demo Client (Amina)', roles: [] as StaffRole[], municipalityCode: 'liperi', languages: ['ar', 'en'] },
  { key: 'adviser', entraObjectId: '00000000-0000-0000-0000-00000000a001', displayName: 'Demo Adviser (Aino)', roles: ['adviser'] as StaffRole[], municipalityCode: 'joensuu', languages: ['fi', 'en', 'ru'] },
  { key: 'municipal_staff', entraObjectId: '00000000-0000-0000-0000-00000000b001', displayName: 'Demo Social Worker (Ville)', roles: ['municipal_staff'] as StaffRole[], municipalityCode: 'kontiolahti', languages: ['fi'] },
  { key: 'expert', entraObjectId: '00000000-0000-0000-0000-00000000e001', displayName: 'Demo Expert (Sara)', roles: ['expert'] as StaffRole[], municipalityCode: 'joensuu', languages: ['fi', 'sv', 'en'] },
  { key: 'coordinator', entraObjectId: '00000000-0000-0000-0000-00000000f001', displayName: 'Demo Coordinator (Mikko)', roles: ['coordinator'] as StaffRole[], municipalityCode: 'joensuu', languages: ['fi', 'en'] },
] as const;

/** Idempotent: running it at every local start keeps one row per demo person. */
export async function seedDemoData(repos: UnitOfWork, now: Date): Promise<void> {
  for (const person of DEMO_PEOPLE) {
    if (person.roles.length > 0) {
      const member = await repos.staff.upsert({
        entraObjectId: person.entraObjectId,
        tenantId: DEMO_TENANT_ID,
        displayName: person.displayName,
        roles: person.roles,
        municipalityCode: person.municipalityCode,
        languages: person.languages,
      });
      if (person.roles.includes('adviser')) {
        // Office hours Mon–Fri 8–16 for all five municipalities, so the local demo offers real slots.
        await repos.schedules.setServedMunicipalities(member.id, PARTNER_MUNICIPALITIES.map((m) => m.code));
        await repos.schedules.setWeeklyHours(member.id, ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '08:00', end: '16:00' })));
      }
    } else if (!(await repos.clients.findByEntraId(DEMO_TENANT_ID, person.entraObjectId))) {
      // Even invented data goes through the audit like any write of a client's personal data.
      await repos.transaction(async (tx) => {
        const client = await tx.clients.create(
          { municipalityCode: person.municipalityCode, displayName: person.displayName, preferredLanguage: 'ar', entraObjectId: person.entraObjectId, tenantId: DEMO_TENANT_ID },
          now,
        );
        await tx.audit.append({
          at: now,
          actorId: 'system:demo-seed',
          actorTenantId: DEMO_TENANT_ID,
          action: 'client.create',
          clientId: client.id,
          entityType: 'client',
          entityId: client.id,
          fields: ['displayName', 'municipalityCode', 'preferredLanguage', 'entraObjectId'],
          channel: 'system',
          outcome: 'ok',
        });
      });
    }
  }
  await seedDemoArticles(repos, now);
}

/** Invented knowledge-base answers for the local demo, so "Ask an expert" has something to suggest. */
const DEMO_ARTICLES = [
  {
    question: 'Asiakkaan oleskelulupa on päättymässä. Miten jatkolupaa haetaan?',
    answer: 'Jatkolupaa haetaan Migrin Enter Finland -palvelussa ennen kuin nykyinen lupa päättyy. Hakemus kannattaa jättää hyvissä ajoin; asiakas saa jäädä Suomeen odottamaan päätöstä.',
    topic: 'residence_permit',
    language: 'fi',
  },
  {
    question: 'How does a newly arrived family apply for a Kela card and housing allowance?',
    answer: 'Kela first decides whether the person is covered by Finnish social security (form Y 77). After that, the general housing allowance is applied for online in OmaKela or with a paper form.',
    topic: 'kela_benefits',
    language: 'en',
  },
  {
    question: 'Mistä perhe saa apua vuokra-asunnon hakemiseen?',
    answer: 'Kunnan vuokra-asuntoja haetaan kunnan tai sen asuntoyhtiön hakemuksella. Kotoutumisen ohjaaja voi auttaa täyttämään hakemuksen; asumistuki haetaan Kelasta.',
    topic: 'housing',
    language: 'fi',
  },
] as const;

async function seedDemoArticles(repos: UnitOfWork, now: Date): Promise<void> {
  const expert = DEMO_PEOPLE.find((p) => p.roles.includes('expert'));
  const author = expert && (await repos.staff.findByEntraId(DEMO_TENANT_ID, expert.entraObjectId));
  if (!author) return;
  for (const article of DEMO_ARTICLES) {
    // Started twice (a restart of the local demo): only what is not there yet.
    const found = await repos.knowledgeBase.search(article.question, 1);
    if (found[0]?.article.question === article.question) continue;
    await repos.knowledgeBase.save({ ...article, ticketId: null, reviewBy: `${now.getUTCFullYear() + 1}-06-30`, createdBy: author.id }, now);
  }
}
