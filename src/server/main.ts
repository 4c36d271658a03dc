import { serve, type ServerType } from '@hono/node-server';
import type { Config } from './config.ts';
import { createPiiCipher } from './platform/crypto.ts';
import { migrate, openDatabase, type Database } from './platform/db/index.ts';
import { fileURLToPath } from 'node:url';
import { createApp, type Api } from './platform/http/app.ts';
import { LiveStreams, type StreamLimits } from './platform/http/live-streams.ts';
import { routeMatcher } from './platform/http/routes.ts';
import { serveWebApp } from './platform/http/static.ts';
import { createLogger, type Logger } from './platform/log.ts';
import { recordAuditNow, startAnchoring, useAuditKey, type AnchorWriter } from './features/audit/index.ts';
import { AUTH_PUBLIC_ROUTES, authenticate, authRoutes, createSmsGate, httpSender, logSender, sessionIsLive, type OtpSender } from './features/auth/index.ts';
import { applyOrgConfig, orgRoutes, readOrgConfig } from './features/org/index.ts';
import { PEOPLE_IMPORT_MAX_BYTES, PEOPLE_PUBLIC_ROUTES, peopleRoutes, startPeopleJobs } from './features/people/index.ts';
import { deliveryRoutes, startDeliveryWorker, type DeliveryTuning, type DeliveryWorker } from './features/delivery/index.ts';
import { channelsFromConfig, type Channel } from './platform/channels/index.ts';
import { folderStorage, type Storage } from './platform/storage/folder.ts';
import {
  directivesCheckOwnSession,
  directivesRoutes,
  FILE_MAX_BYTES,
  ProgressEvents,
  registerDirectiveTopics,
  startDirectiveJobs,
} from './features/directives/index.ts';
import { join } from 'node:path';
import { campaignsRoutes, startCampaignJobs } from './features/campaigns/index.ts';
import { applyEventKinds, DEFAULT_EVENT_KINDS, EVENTS_PUBLIC_ROUTES, eventsRoutes, registerEventTopics, startEventJobs } from './features/events/index.ts';

export interface Setu {
  config: Config;
  database: Database;
  app: Api;
  log: Logger;
  /** The delivery worker, when at least one channel is configured. */
  delivery: DeliveryWorker | undefined;
  /** Writes the audit log's head outside the database (config.auditAnchorFile). */
  auditAnchors: AnchorWriter;
  close(): Promise<void>;
}

export interface SetuOverrides {
  /** An already open database (tests share one per file). */
  database?: Database;
  sender?: OtpSender;
  log?: Logger;
  /** Where files go instead of DATA_DIR/files (tests). */
  storage?: Storage;
  /** Channels to deliver on instead of the configured ones, and the delivery worker's tuning (tests). */
  channels?: Channel[];
  delivery?: Partial<DeliveryTuning>;
  /** Limits of the live streams instead of the configured ones (tests: a short lifetime, a fast session check). */
  streams?: Partial<StreamLimits>;
}

/**
 * The composition root: opens the database, applies migrations and the organisation's configuration, and
 * wires every feature's routes into one app. Nothing else constructs services.
 */
export async function createSetu(config: Config, overrides: SetuOverrides = {}): Promise<Setu> {
  const log = overrides.log ?? createLogger(config.LOG_LEVEL);
  const database =
    overrides.database ??
    (await openDatabase({
      url: config.DATABASE_URL,
      dataDir: config.dataDir,
      poolSize: config.DATABASE_POOL_SIZE,
      statementTimeoutMs: config.STATEMENT_TIMEOUT_MS,
      onBusError: (error) => log.warn({ err: error.message }, 'database bus: listening connection failed; opening it again'),
    }));
  await migrate(database);
  useAuditKey(config.SETU_SECRET_KEY);
  // First, before any write of this process: the earliest anchor marks where unkeyed rows end (features/audit/verify.ts).
  const auditAnchors = startAnchoring({ db: database.db, file: config.auditAnchorFile, log, everyMs: config.AUDIT_ANCHOR_SECONDS * 1000 });
  await auditAnchors.flush();
  const orgConfig = readOrgConfig(config.SETU_ORG_CONFIG);
  await applyOrgConfig(database.db, orgConfig);
  await applyEventKinds(database.db, orgConfig.eventKinds ?? DEFAULT_EVENT_KINDS);
  const { db } = database;
  const cipher = createPiiCipher(config.SETU_SECRET_KEY);
  const sender =
    overrides.sender ?? (config.OTP_SENDER === 'http' ? httpSender({ url: config.SMS_GATEWAY_URL!, token: config.SMS_GATEWAY_TOKEN }) : logSender());

  const app = createApp({
    log,
    trustProxy: config.TRUST_PROXY,
    publicUrl: config.PUBLIC_URL,
    listenUrl: `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`,
    largeBodies: [
      { method: 'POST', path: /^\/api\/units\/\d+\/people\/import$/, maxSize: PEOPLE_IMPORT_MAX_BYTES },
      { method: 'POST', path: /^\/api\/files$/, maxSize: FILE_MAX_BYTES },
    ],
    onDenied: (d) =>
      recordAuditNow(db, { actorId: d.actorId, action: 'http.denied', outcome: 'denied', ip: d.ip, details: { method: d.method, path: d.path, code: d.code } }),
  });
  app.get('/api/health', async (c) => c.json({ ok: true, db: database.kind }));
  const isPublic = routeMatcher(['GET /api/health', 'GET /api/openapi.json', ...AUTH_PUBLIC_ROUTES, ...PEOPLE_PUBLIC_ROUTES, ...EVENTS_PUBLIC_ROUTES]);
  app.use('/api/*', authenticate(db, { checksOwnSession: directivesCheckOwnSession, isPublic }));
  const sms = createSmsGate({
    db,
    sender,
    log,
    countries: config.SMS_COUNTRIES,
    budgetPerHour: config.SMS_CODE_BUDGET_PER_HOUR,
    perAddressPerHour: config.SMS_CODES_PER_ADDRESS_PER_HOUR,
    signupPerBlockPerHour: config.SMS_SIGNUP_CODES_PER_BLOCK_PER_HOUR,
    pow: { key: cipher.blindIndex('pow-key', 'key'), difficulty: config.POW_DIFFICULTY },
  });
  const authDeps = { db, cipher, sms, log, codeKey: cipher.blindIndex('otp-code-key', 'key'), sessionDays: config.SESSION_DAYS };
  const streams = new LiveStreams(
    { perPerson: config.LIVE_STREAMS_PER_PERSON, lifetimeMs: config.LIVE_STREAM_MINUTES * 60_000, recheckMs: 15_000, ...overrides.streams },
    (sessionId) => sessionIsLive(db, sessionId),
  );
  app.route('/api', authRoutes(authDeps, { secureCookies: config.PUBLIC_URL?.startsWith('https://') ?? false, streams }));
  app.route('/api', orgRoutes({ db, cipher, log }));
  const storage = overrides.storage ?? folderStorage(join(config.dataDir, 'files'));
  app.route(
    '/api',
    peopleRoutes({
      db,
      cipher,
      log,
      storage,
      codeKey: authDeps.codeKey,
      publicUrl: config.PUBLIC_URL,
      sms,
      signupCodesPerLinkPerHour: config.SIGNUP_CODES_PER_LINK_PER_HOUR,
      sendNotice: (phone, text) => sender.notify(phone, text),
      expensive: { inFlight: 1, perMinute: config.EXPENSIVE_PER_MINUTE },
    }),
  );
  app.route('/api', deliveryRoutes({ db, cipher, vapidPublicKey: config.VAPID_PUBLIC_KEY }));
  const directivesDeps = {
    db,
    cipher,
    log,
    storage,
    events: await ProgressEvents.shared(database.bus),
  };
  app.route('/api', directivesRoutes(directivesDeps, streams));
  registerDirectiveTopics();
  const eventsDeps = { db, cipher, log, jitsiBaseUrl: config.JITSI_BASE_URL, publicUrl: config.PUBLIC_URL };
  app.route('/api', eventsRoutes(eventsDeps));
  registerEventTopics();
  app.route('/api', campaignsRoutes({ db, log }));
  app.use('*', serveWebApp(fileURLToPath(new URL('../../dist/web/', import.meta.url))));
  app.doc31('/api/openapi.json', { openapi: '3.1.0', info: { title: 'Setu API', version: '0.1.0', description: 'Setu (सेतु): organising down to the booth.' } });

  // Messages outside the app, on every channel whose provider is configured. No channel, no worker: outbox rows wait,
  // and are closed unsent once a day old.
  const channels = overrides.channels ?? channelsFromConfig(config);
  const background = config.BACKGROUND_JOBS;
  const delivery =
    background && channels.length
      ? startDeliveryWorker({ db, cipher, channels, log, publicUrl: config.PUBLIC_URL, recoverOnStart: database.kind === 'pglite', ...overrides.delivery })
      : undefined;

  const jobs = background ? [startPeopleJobs({ db, log }), startDirectiveJobs(directivesDeps), startEventJobs(eventsDeps), startCampaignJobs({ db, log })] : [];

  return {
    config,
    database,
    app,
    log,
    delivery,
    auditAnchors,
    async close() {
      streams.closeAll();
      for (const job of jobs) await job.stop();
      directivesDeps.events.close();
      await delivery?.stop();
      await auditAnchors.stop();
      if (!overrides.database) await database.close();
    },
  };
}

/** Starts the HTTP server; resolves once it listens, with the address to open. */
export async function listen(setu: Setu): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: setu.app.fetch, hostname: setu.config.HOST, port: setu.config.PORT }, (info) => {
      resolve({ server, url: `http://${setu.config.HOST === '0.0.0.0' ? '127.0.0.1' : setu.config.HOST}:${info.port}` });
    });
  });
}
