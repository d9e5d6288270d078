import { randomUUID } from 'node:crypto';
import type { Server } from 'restify';
import type { Client as GraphClient } from '@microsoft/microsoft-graph-client';
import type { Config } from './config/config.js';
import { registerPublicBooking } from './adapters/http/public-booking.js';
import { registerSessionLogApi } from './adapters/http/session-log-api.js';
import { registerTabApi } from './adapters/http/tab-api.js';
import { registerReportsApi } from './adapters/http/reports-api.js';
import { registerDataSubjectApi } from './adapters/http/data-subject-api.js';
import { tabRateLimiter } from './adapters/http/tab-route.js';
import { createTabTokenVerifier } from './adapters/http/tab-auth.js';
import { registerTabPage } from './adapters/http/tab-page.js';
import { loadPublicAssets } from './adapters/http/public-page.js';
import { createHttpServer, listen } from './adapters/http/server.js';
import { createDatabase } from './adapters/persistence/create-database.js';
import { KyselySessionLogReader } from './adapters/persistence/kysely-session-log-reader.js';
import { KyselyReportReader } from './adapters/persistence/kysely-report-reader.js';
import { KyselyUnitOfWork } from './adapters/persistence/kysely-unit-of-work.js';
import { migrateToLatest } from './adapters/persistence/migrate.js';
import { seedMunicipalities, seedServiceTypes } from './adapters/persistence/seed.js';
import { createLogger, type Logger } from './adapters/system/logger.js';
import { createBotApp } from './adapters/teams/bot-app.js';
import { createTeamsAdapter } from './adapters/teams/create-teams-adapter.js';
import { CardActionTokenGuard } from './adapters/teams/card-action-tokens.js';
import type { RouteDeps } from './adapters/teams/route-deps.js';
import {
  BOOKING_LINK_CARD_TOPIC,
  createBookingLinkCardHandler,
  createProactiveMessageHandler,
  createReminderHandler,
  graphNotConfigured,
  PROACTIVE_MESSAGE_TOPIC,
} from './adapters/teams/proactive-messages.js';
import { MEETING_CANCEL_TOPIC, MEETING_CREATE_TOPIC, REMINDER_TOPIC } from './use-cases/booking/book-session.js';
import { ConversationSendLimiter } from './adapters/teams/send-limiter.js';
import { createContactPromptHandler, createNoShowCardHandler, createStaffNoticeHandler } from './adapters/teams/meeting-notices.js';
import { GraphListRegisterSink } from './adapters/graph/graph-list-register-sink.js';
import { RestRegisterSink } from './adapters/register/rest-register-sink.js';
import type { RegisterSinkConfig } from './config/register-sinks.js';
import { CONTACT_PROMPT_TOPIC, NO_SHOW_CARD_TOPIC, NO_SHOW_CHECK_TOPIC, STAFF_NOTICE_TOPIC } from './use-cases/meetings/meeting-events.js';
import { ensureShippedForms } from './use-cases/register/contact-form.js';
import { REGISTER_CONTACT_TOPIC, type RegisterRouting } from './use-cases/register/register-sync.js';
import { TeamsEndpoint } from './adapters/teams/teams-endpoint.js';
import { createGraphClient } from './adapters/graph/create-graph-client.js';
import { GraphCalendar } from './adapters/graph/graph-calendar.js';
import { GraphMailer } from './adapters/graph/graph-mailer.js';
import { GraphOnlineMeetings } from './adapters/graph/graph-online-meetings.js';
import { createMailHandlers, unconfiguredMailer } from './jobs/mail-handlers.js';
import { Housekeeping } from './jobs/housekeeping.js';
import { PeriodicJob } from './jobs/periodic-job.js';
import { createAskerNoticeHandler, createEscalationHandler, createTicketCardHandler, createTrainingCardHandler } from './adapters/teams/expert-posts.js';
import { DEFAULT_OFFICE_HOURS } from './domain/experts/office-hours.js';
import type { ExpertSla } from './use-cases/experts/expert-access.js';
import { EXPERT_ASKER_NOTICE_TOPIC, EXPERT_ESCALATION_TOPIC, EXPERT_TICKET_CARD_TOPIC, EXPERT_TRAINING_CARD_TOPIC } from './use-cases/experts/expert-topics.js';
import { escalateOverdueTickets, type EscalationRun } from './use-cases/experts/sla.js';
import { createMeetingHandlers, createNoShowCheckHandler } from './jobs/meeting-handlers.js';
import { createRegisterHandler, type ConfiguredRegister } from './jobs/register-handlers.js';
import { OutboxDispatcher } from './jobs/outbox-dispatcher.js';
import type { UnitOfWork } from './use-cases/ports/repositories.js';
import { seedDemoData } from './use-cases/seed-demo-data.js';
import { seedDemoFigures } from './use-cases/reports/seed-demo-figures.js';
import { purgeExpiredData, type PurgeRun } from './use-cases/privacy/purge-expired-data.js';

/** Expired redelivery records are purged every 10 minutes (they live 24 h). */
const HOUSEKEEPING_INTERVAL_MS = 10 * 60 * 1000;
/** The SLA check: a minute late at most, and one indexed query when nothing is due. */
const EXPERT_SLA_INTERVAL_MS = 60 * 1000;

/** A composed Neuvo: started by index.ts, or by tests on port 0. */
export interface Neuvo {
  readonly server: Server;
  readonly uow: UnitOfWork;
  readonly logger: Logger;
  readonly dispatcher: OutboxDispatcher;
  /** One pass of the expert channel's SLA check (the worker runs it every minute; tests by hand). */
  escalateOverdueTickets(): Promise<EscalationRun>;
  /** One pass of the retention purge (the worker runs it every RETENTION_PURGE_INTERVAL_HOURS; tests by hand). */
  purgeExpiredData(): Promise<PurgeRun>;
  /** Starts the HTTP server and the outbox worker; resolves with the bound port. */
  start(): Promise<number>;
  /** Stops the worker, then the server, then closes the database. */
  stop(): Promise<void>;
}

export interface ComposeOptions {
  /** Tests pass a stream to read the logs; production writes to stdout. */
  readonly logDestination?: Parameters<typeof createLogger>[1];
  readonly clock?: () => Date;
  /** Tests run the worker by hand (`dispatcher.runOnce()`). */
  readonly startWorker?: boolean;
}

/** The ONE place that constructs adapters and wires use cases (STYLE.md habit 5). */
export async function compose(config: Config, options: ComposeOptions = {}): Promise<Neuvo> {
  const clock = options.clock ?? (() => new Date());
  const logger = createLogger(config.logLevel, options.logDestination);

  const database = await createDatabase(
    config.database.kind === 'sqlite'
      ? {
          kind: 'sqlite',
          dataDir: config.database.dataDir,
          checkpointInBackground: true,
          onCheckpointError: (message) => logger.error({ event: 'sqlite.checkpoint_failed', message }, 'WAL checkpoint failed'),
        }
      : { kind: 'postgres', url: config.database.url, poolSize: config.database.poolSize },
  );
  await migrateToLatest(database.db);
  const uow = new KyselyUnitOfWork(database.db, database.dialect);
  await seedMunicipalities(uow, config.extraMunicipalities);
  await seedServiceTypes(uow);
  await ensureShippedForms(uow, clock());
  if (config.seedDemoData) await seedDemoData(uow, clock());

  const adapter = createTeamsAdapter(
    {
      appId: config.bot.id,
      appPassword: config.bot.password,
      tenantId: config.bot.tenantId,
      appType: config.bot.type,
      ...(config.bot.endpoints ? { endpoints: config.bot.endpoints } : {}),
    },
    () => clock().getTime(),
  );
  // Graph (meetings, mail, advisers' Outlook free/busy) only when configured.
  const graphClient = config.graph ? createGraphClient(config.graph) : undefined;
  // The municipalities' own registers (REGISTER_SINKS): each logged contact is copied there through the outbox.
  const registers = configuredRegisters(config.registerSinks, graphClient);
  const registerRouting = routingOf(config.registerSinks);
  const expertSla: ExpertSla = { ...config.expertSla, officeHours: DEFAULT_OFFICE_HOURS };
  const routeDeps: RouteDeps = { repos: uow, clock, logger, registers: registerRouting, expertSla, ...(graphClient ? { calendar: new GraphCalendar(graphClient) } : {}) };
  // Card action tokens (issue 7, ADR 14): minted into every outgoing card, checked before any route.
  adapter.use(new CardActionTokenGuard({ repos: uow, clock, logger, ttlMs: config.cardActionTokenDays * 86_400_000 }));
  const app = createBotApp(adapter, config.bot.id, routeDeps);
  const endpoint = new TeamsEndpoint({
    adapter,
    app,
    processedActivities: uow.processedActivities,
    allowedTenantIds: config.allowedTenantIds,
    serviceUrlHosts: config.bot.serviceUrlHosts,
    userTurnsPerMinute: config.bot.userTurnsPerMinute,
    logger,
    clock,
  });
  const server = createHttpServer({ handleMessage: (body, auth) => endpoint.handle(body, auth), ping: () => uow.ping(), logger });
  // The public booking page for clients without Teams: the same booking rules and cards.
  registerPublicBooking(server, { uow, clock, logger, assets: loadPublicAssets(), ...(routeDeps.calendar ? { calendar: routeDeps.calendar } : {}) });
  // The meeting side panel: its page, and its API behind the Teams SSO token.
  const verifyToken = config.tab ? createTabTokenVerifier({ ...config.tab, allowedTenantIds: config.allowedTenantIds, now: clock }) : undefined;
  const tabRouteDeps = { clock, logger, limiter: tabRateLimiter(), ...(verifyToken ? { verifyToken } : {}) };
  registerTabApi(server, { ...tabRouteDeps, uow, registers: registerRouting });
  // The advisers' tab (issue 6): session log API.
  registerSessionLogApi(server, { ...tabRouteDeps, uow, sessionLog: new KyselySessionLogReader(database.db, database.dialect), registers: registerRouting });
  // The advisers' tab (issue 6): reports, cost shares, municipal figures and associations API.
  const reports = new KyselyReportReader(database.db, database.dialect);
  if (config.seedDemoData) await seedDemoFigures(reports, clock());
  registerReportsApi(server, { ...tabRouteDeps, uow, reports });
  // A data subject's rights through a coordinator: erasure, export, audit trail (issue 7).
  registerDataSubjectApi(server, { ...tabRouteDeps, uow, policy: config.retention });
  registerTabPage(server);

  // Teams meetings for bookings: through Graph when configured; otherwise the rows fail with a
  // message an operator can act on and stay in the outbox to be requeued.
  const meetingHandlers = graphClient
    ? createMeetingHandlers({ uow, meetings: new GraphOnlineMeetings(graphClient), clock, linkReadyTopic: BOOKING_LINK_CARD_TOPIC })
    : { create: graphNotConfigured, cancel: graphNotConfigured };
  const mailFrom = config.graph?.mailFrom;
  // Booking mails: confirmation, time moved, cancelled, and reminders for clients without Teams.
  const mail = createMailHandlers({
    uow,
    mailer: graphClient && mailFrom ? new GraphMailer(graphClient) : unconfiguredMailer,
    clock,
    fromUpn: mailFrom ?? 'not-configured@invalid',
  });

  // Teams' per-conversation send limits, shared by every proactive message this process sends.
  const sendLimiter = new ConversationSendLimiter();
  const proactive = { adapter, botAppId: config.bot.id, conversations: uow.conversations, limiter: sendLimiter };
  const dispatcher = new OutboxDispatcher({
    outbox: uow.outbox,
    handlers: {
      [PROACTIVE_MESSAGE_TOPIC]: createProactiveMessageHandler(proactive),
      [BOOKING_LINK_CARD_TOPIC]: createBookingLinkCardHandler({ ...proactive, repos: uow }),
      // Teams when the client has a chat with the bot, otherwise by e-mail: one reminder, one channel.
      [REMINDER_TOPIC]: createReminderHandler({ ...proactive, repos: uow, byEmail: mail.reminderByEmail, clock }),
      [MEETING_CREATE_TOPIC]: meetingHandlers.create,
      [MEETING_CANCEL_TOPIC]: meetingHandlers.cancel,
      // Meeting events: the no-show check, then what it and the meeting's end cause in Teams.
      [NO_SHOW_CHECK_TOPIC]: createNoShowCheckHandler({ uow, clock }),
      [STAFF_NOTICE_TOPIC]: createStaffNoticeHandler(proactive),
      [NO_SHOW_CARD_TOPIC]: createNoShowCardHandler(proactive),
      [CONTACT_PROMPT_TOPIC]: createContactPromptHandler({ ...proactive, repos: uow, clock }),
      [REGISTER_CONTACT_TOPIC]: createRegisterHandler({ repos: uow, registers, clock }),
      // The expert channel (issue 5): the ticket card in the experts' channel, the answer to the
      // asker, the SLA's @mention, training announcements.
      [EXPERT_TICKET_CARD_TOPIC]: createTicketCardHandler({ ...proactive, repos: uow }),
      [EXPERT_ASKER_NOTICE_TOPIC]: createAskerNoticeHandler({ ...proactive, repos: uow }),
      [EXPERT_ESCALATION_TOPIC]: createEscalationHandler({ ...proactive, repos: uow, clock }),
      [EXPERT_TRAINING_CARD_TOPIC]: createTrainingCardHandler({ ...proactive, repos: uow }),
      ...mail.byTopic,
    },
    clock,
    random: Math.random,
    logger,
    maxAttempts: config.outbox.maxAttempts,
    leaseMs: config.outbox.leaseMs,
    // 50: register deliveries drained at 1,056–1,112/s on SQLite on a quiet machine (docs/bench.md;
    // 20 gave 770–930/s).
    // The sequential topics of a batch stay inside the lease: none starts after half of it.
    batchSize: 50,
    // Register deliveries overlap (no rate limit per contact; the register keeps the highest
    // revision); Teams, Graph and mail topics stay one at a time.
    concurrentTopics: new Set([REGISTER_CONTACT_TOPIC]),
    workerId: randomUUID(),
  });

  const housekeeping = new Housekeeping({ processedActivities: uow.processedActivities, publicSessions: uow.publicSessions, actionTokens: uow.actionTokens, clock, logger });
  // Unclaimed questions past their office-time deadline go to the on-duty backup (issue 5).
  const runExpertSla = () => escalateOverdueTickets({ uow, clock, sla: expertSla });
  const expertSlaJob = new PeriodicJob('experts.sla', runExpertSla, logger);
  // The retention purge (issue 7): expired personal data out of our database, deletes to the registers.
  const runPurge = async () => {
    const run = await purgeExpiredData({
      uow,
      registers: registerRouting,
      policy: config.retention,
      clock,
      onProgress: (progress) => logger.info({ event: 'retention.progress', ...progress }, 'retention purge in progress'),
    });
    logger.info({ event: 'retention.purged', ...run }, 'retention purge done');
    return run;
  };
  const retentionJob = new PeriodicJob('retention', runPurge, logger);

  return {
    server,
    uow,
    logger,
    dispatcher,
    escalateOverdueTickets: runExpertSla,
    purgeExpiredData: runPurge,
    async start() {
      const port = await listen(server, config.host, config.port);
      if (options.startWorker ?? true) {
        dispatcher.start(config.outbox.pollMs);
        housekeeping.start(HOUSEKEEPING_INTERVAL_MS);
        expertSlaJob.start(EXPERT_SLA_INTERVAL_MS);
        retentionJob.start(config.retention.purgeIntervalHours * 60 * 60 * 1000);
      }
      logger.info({ event: 'started', host: config.host, port, mode: config.mode, database: database.dialect }, 'Neuvo is listening');
      return port;
    },
    async stop() {
      await Promise.all([dispatcher.stop(), housekeeping.stop(), expertSlaJob.stop(), retentionJob.stop()]);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}

/** One sink per REGISTER_SINKS entry, by id. A graph_list entry without Graph is refused by config. */
function configuredRegisters(sinks: readonly RegisterSinkConfig[], graphClient: GraphClient | undefined): Map<string, ConfiguredRegister> {
  const registers = new Map<string, ConfiguredRegister>();
  for (const entry of sinks) {
    if (entry.kind === 'rest') {
      registers.set(entry.id, { sink: new RestRegisterSink({ baseUrl: entry.baseUrl, token: entry.token }), mapping: entry.fieldMap });
    } else if (graphClient) {
      const sink = new GraphListRegisterSink(graphClient, { siteId: entry.siteId, listId: entry.listId, keyColumn: entry.keyColumn, revisionColumn: entry.revisionColumn });
      registers.set(entry.id, { sink, mapping: entry.fieldMap });
    }
  }
  return registers;
}

/** A municipality's registers: every entry that lists it (or "*"). */
function routingOf(sinks: readonly RegisterSinkConfig[]): RegisterRouting {
  return { sinkIdsFor: (municipalityCode) => sinks.filter((s) => s.municipalities.includes(municipalityCode) || s.municipalities.includes('*')).map((s) => s.id) };
}
