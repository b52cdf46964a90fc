import { REPO_DIR } from './paths.js';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { Context } from 'hono';
import { createRouter } from './http/router.js';
import type { AppEnv, Deps } from './http/env.js';
import { isClientAbort } from './http/aborted.js';
import { authenticate } from './http/auth.js';
import { queryText } from './http/query-text.js';
import { drainRefusedUpload } from './http/refused-upload.js';
import { IMPORT_LIMITS } from './modules/imports/limits.js';
import { embedCors } from './http/cors.js';
import { Problem, problemResponse, type ProblemCode } from './http/problem.js';
import { referencePage } from './http/reference.js';
import { storageProblem } from './http/storage-faults.js';
import { serveBuiltFile, serveExamples } from './http/static.js';
import { apiKeysRoutes, embedAppsRoutes } from './modules/apps/routes.js';
import { authRoutes, meRoutes } from './modules/auth/routes.js';
import { liveRoutes } from './modules/live/routes.js';
import { urgentAlerts } from './modules/messages/urgent-alert.js';
import { auditRoutes } from './modules/audit/routes.js';
import { grantsRoutes, rolesRoutes } from './modules/auth/roles-routes.js';
import { contactsRoutes } from './modules/contacts/routes.js';
import { contactNotesRoutes } from './modules/contacts/notes-routes.js';
import { contactLinksRoutes } from './modules/links/routes.js';
import { conversationPage } from './modules/links/page.js';
import { groupsRoutes } from './modules/groups/routes.js';
import { importsRoutes } from './modules/imports/routes.js';
import { departmentsRoutes, membersRoutes, positionsRoutes } from './modules/org/routes.js';
import { attachmentsRoutes } from './modules/attachments/routes.js';
import { MAX_FILE_BYTES } from './modules/attachments/service.js';
import { directoryRoutes, draftsRoutes, messagesRoutes } from './modules/messages/routes.js';
import { mailboxRoutes, sentRoutes } from './modules/mailbox/routes.js';
import { settingsRoutes } from './modules/settings/routes.js';
import { retentionRoutes } from './modules/retention/routes.js';
import { tagsRoutes } from './modules/tags/routes.js';
import { mailboxBatchRoutes } from './modules/mailbox/batch-routes.js';
import { senderRoutes } from './modules/messages/sender-routes.js';
import { scheduleRoutes } from './modules/messages/schedule-routes.js';
import { approvalFlowsRoutes, approvalMessageRoutes, approvalsRoutes } from './modules/approvals/routes.js';
import { notificationsRoutes, notifySettingsRoutes } from './modules/notify/routes.js';
import { messageReachRoutes, reachRoutes } from './modules/reach/routes.js';
import { knowledgeRoutes } from './modules/knowledge/routes.js';
import { templatesRoutes } from './modules/templates/routes.js';
import { myNotificationsRoutes } from './modules/notify/preferences-routes.js';
import { myProfileRoutes } from './modules/profile/routes.js';
import { conversationsRoutes } from './modules/conversations/routes.js';
import { isPgRefusedText, sqlState } from './db/pg/errors.js';

export type { Deps } from './http/env.js';

export const WIDGETS_DIR = `${REPO_DIR}packages/herald/dist`;
export const EXAMPLES_DIR = `${REPO_DIR}examples`;

const API = '/api/v1';
const MAX_JSON_BODY = 1024 * 1024;

/**
 * The API routes, each at the path its module owns (issue 15), chained so that `AppType` carries every route's types
 * to `@herald/client`. A module that owns several paths exports a router per path; a few hang under another
 * module's path (a message's remind and approval actions, a member's grants) and are marked so.
 */
const apiRoutes = () =>
  createRouter()
    .route('/auth', authRoutes()) // auth
    .route('/me', meRoutes()) // auth
    .route('/roles', rolesRoutes()) // auth
    .route('/members', grantsRoutes()) // auth: /members/{id}/grants
    .route('/embed-apps', embedAppsRoutes()) // apps
    .route('/api-keys', apiKeysRoutes()) // apps
    .route('/live', liveRoutes()) // live
    .route('/departments', departmentsRoutes()) // org
    .route('/positions', positionsRoutes()) // org
    .route('/members', membersRoutes()) // org
    .route('/contacts', contactsRoutes()) // contacts
    .route('/contacts', contactNotesRoutes()) // contacts: /contacts/{id}/notes, …/conversations (issue 19)
    .route('/groups', groupsRoutes()) // groups
    .route('/imports', importsRoutes()) // imports
    .route('/audit', auditRoutes()) // audit
    .route('/directory', directoryRoutes()) // messages
    .route('/messages', messagesRoutes()) // messages
    .route('/messages', senderRoutes()) // messages: /messages/{id}/remind, …/recipients/export
    .route('/messages', scheduleRoutes()) // scheduled send (issue 20 #1): /messages/{id}/schedule
    .route('/drafts', draftsRoutes()) // messages
    .route('/messages', approvalMessageRoutes()) // approvals: /messages/{id}/withdraw, …/resubmit
    .route('/approval-flows', approvalFlowsRoutes()) // approvals
    .route('/approvals', approvalsRoutes()) // approvals
    .route('/mailbox', mailboxRoutes()) // mailbox
    .route('/mailbox', mailboxBatchRoutes()) // mailbox: /mailbox/batch, /mailbox/export
    .route('/sent', sentRoutes()) // mailbox
    .route('/tags', tagsRoutes()) // tags
    .route('/settings', settingsRoutes()) // settings: /settings/messaging
    .route('/settings/notifications', notifySettingsRoutes()) // notify
    .route('/settings/retention', retentionRoutes()) // retention (issue 19 item 8)
    .route('/notifications', notificationsRoutes()) // notify: /notifications/deliveries
    .route('/attachments', attachmentsRoutes()) // attachments
    .route('/messages', messageReachRoutes()) // reach: /messages/{id}/reach
    .route('/reach', reachRoutes()) // reach: /reach/summary, …/export
    .route('/templates', templatesRoutes()) // templates (issue 19)
    .route('/knowledge', knowledgeRoutes()) // knowledge (issue 19 #7)
    .route('/me/notifications', myNotificationsRoutes()) // notify: issue 20, my channels and quiet hours
    .route('/me/profile', myProfileRoutes()) // profile: issue 20, my e-mail, phone and language
    .route('/messages', contactLinksRoutes()) // links (issue 19 item 4): /messages/{id}/contact-links
    .route('/conversations', conversationsRoutes()); // conversations: issue 19 #5, customer-opened (S7)

/** The whole Herald server as a value: build it from its dependencies; `main.ts` only listens. */
export function createApp(deps: Deps) {
  // Urgent messages' live frames carry what their alert shows (messages/urgent-alert.ts).
  deps.live.extend('message.received', urgentAlerts(deps.db));
  const app = createRouter();
  app.use('*', requestId({ limitLength: 100 }));
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    // Debug, not info: a line per request buried the one-time admin password on `npm start` (issue 23). Timed and
    // built only when it is written (issue 15: its two clock reads alone were 1 % of a stream open's CPU in a profile).
    const started = deps.logger.isLevelEnabled('debug') ? performance.now() : undefined;
    await next();
    c.get('respondDirectly')?.(c);
    if (started === undefined) return;
    deps.logger.debug(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        // A contact's unopened link is a secret until it is used (issue 19 item 4): never in a log line.
        path: c.req.path.replace(/^\/conversation\/open\/[^/]+/, '/conversation/open/…'),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  });
  // An urgent message's frames to many open streams go first (`LiveHub.parkDuringFanOut`), before the requests of the
  // pages that already had it; not preflights or signing in.
  app.use(`${API}/*`, async (c, next) => {
    if (c.req.method !== 'OPTIONS' && !c.req.path.startsWith(`${API}/auth/`)) {
      const parked = deps.live.parkDuringFanOut();
      if (parked) await parked;
    }
    await next();
  });
  app.use(`${API}/*`, embedCors(deps.db));
  // JSON bodies are small; reading a huge one costs memory before anyone is authenticated. Uploads (imports,
  // attachments) stream against their own, larger limits.
  const jsonLimit = bodyLimit({
    maxSize: MAX_JSON_BODY,
    onError: () => {
      throw new Problem('payload-too-large', `Request bodies are limited to ${MAX_JSON_BODY / 1024} KB.`);
    },
  });
  const streamed = new Set([`${API}/imports`, `${API}/attachments`]);
  // GET and HEAD carry no body to limit, and asking (`c.req.raw.body`) made each one a full fetch Request (issue 15).
  const noBody = new Set(['GET', 'HEAD']);
  app.use(`${API}/*`, (c, next) => {
    if (noBody.has(c.req.method) || (c.req.method === 'POST' && streamed.has(c.req.path))) return next();
    // A body declared within the limit goes on untouched. `bodyLimit` asks for `c.req.raw.body` first, which over
    // @hono/node-server makes every JSON write a full fetch Request whose body is then read through a web stream
    // instead of straight from the socket (issue 15: ~19 % of a send's server CPU over HTTP). Everything else — a
    // body declared too large, a chunked one — goes through `bodyLimit` as before.
    // The declared length is the transport's framing (Node's parser ends the body there and refuses odd lengths), so a
    // caller of `app.fetch` over another transport must frame bodies the same way. Anything odd goes to `bodyLimit`.
    const length = Number(c.req.header('content-length') ?? NaN);
    const declared = Number.isSafeInteger(length) && c.req.header('transfer-encoding') === undefined;
    if (declared && length >= 0 && length <= MAX_JSON_BODY) return next();
    return jsonLimit(c, next);
  });
  // A refused upload is answered only after the rest of its body is read (issue 14), authentication's refusals
  // included.
  app.use(`${API}/attachments`, drainRefusedUpload(MAX_FILE_BYTES));
  app.use(`${API}/imports`, drainRefusedUpload(IMPORT_LIMITS.maxFileBytes));
  app.use(`${API}/*`, authenticate);
  app.use(`${API}/*`, queryText);

  const api = apiRoutes();
  app.route(API, api);
  // Built once, at the first request (every route is registered by then): generating it costs a few hundred ms of
  // CPU, which an unauthenticated caller must not be able to make the server spend again and again.
  let openApiDocument: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  app.get(`${API}/openapi.json`, (c) =>
    c.json(
      (openApiDocument ??= app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Herald API',
          version: '1.0.0',
          description:
            'Enterprise messaging: inbox, composer, approvals and member admin. Errors are RFC 9457 problem+json.',
        },
        servers: [{ url: deps.config.publicUrl }],
      })),
    ),
  );
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'Embed JWT (HS256) or API key (hk_…)',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'herald_session',
  });
  app.get(`${API}/reference`, referencePage(`${API}/openapi.json`));

  app.get('/widgets/*', serveBuiltFile(deps.widgetsDir ?? WIDGETS_DIR, 'text/javascript; charset=utf-8'));
  app.use('/examples/*', serveExamples(deps.examplesDir ?? EXAMPLES_DIR, '/examples'));
  app.get('/', (c) => c.redirect('/examples/intranet/'));
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/conversation', conversationPage()); // links (issue 19 item 4): a contact's one-conversation page

  app.notFound((c) => problemResponse(c, new Problem('not-found', `Nothing at ${c.req.method} ${c.req.path}.`)));
  app.onError((err, c) => toProblem(err, c, deps));
  return app;
}

function toProblem(err: Error, c: Context<AppEnv>, deps: Deps): Response {
  if (err instanceof Problem) return problemResponse(c, err);
  if (err instanceof HTTPException) {
    const byStatus: Partial<Record<number, ProblemCode>> = {
      400: 'validation',
      401: 'unauthenticated',
      403: 'forbidden',
      404: 'not-found',
      413: 'payload-too-large',
      415: 'unsupported-media-type',
    };
    return problemResponse(c, new Problem(byStatus[err.status] ?? 'internal', err.message || undefined));
  }
  if (isClientAbort(err, c)) {
    deps.logger.info(
      { requestId: c.get('requestId'), method: c.req.method, path: c.req.path },
      'request aborted by the client',
    );
    return problemResponse(c, new Problem('validation', 'The request ended before its body was complete.'));
  }
  if (isPgRefusedText(err)) {
    // Logged so that a client stuck on these 400s can be traced by its request id; never the text (the caller's, and
    // the path may carry it): the route's pattern and the SQLSTATE only.
    deps.logger.warn(
      { requestId: c.get('requestId'), method: c.req.method, route: routePath(c, -1), code: sqlState(err) },
      'request refused: PostgreSQL cannot store a character it holds',
    );
    return problemResponse(c, new Problem('validation', 'The request holds a character that cannot be stored (NUL).'));
  }
  const storage = storageProblem(err, deps, c.get('requestId'));
  if (storage) return problemResponse(c, storage);
  deps.logger.error({ err, requestId: c.get('requestId') }, 'unhandled error');
  return problemResponse(
    c,
    new Problem('internal', 'Something went wrong on the server. Quote the request id when reporting it.'),
  );
}

/** The API's route types, for `hc<AppType>` in `@herald/client`. */
export type AppType = ReturnType<typeof apiRoutes>;
