import { eq, inArray } from 'drizzle-orm';
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { sha256 } from '../../lib/crypto.js';
import { contacts } from '../contacts/schema.js';
import { members } from '../org/schema.js';
import { loadGrants, type Actor } from '../auth/actor.js';
import { memberSubject } from '../auth/service.js';
import { assertSpeaksForContacts, assertSpeaksForMember } from './audience.js';
import { embedApps } from './schema.js';
import { dialect } from '../../db/dialect.js';

const CLOCK_TOLERANCE_S = 30;
/** Header members that would let a token name its own key; keys come only from the app registry. */
const FORBIDDEN_HEADERS = ['jku', 'jwk', 'x5u', 'x5c'] as const;

/** `reason` tells a widget which fix to name (issue 21: `unknown-subject` — an admin must add the person first). */
const invalid = (why: string, reason?: 'unknown-subject') =>
  new Problem('token-invalid', why, reason ? { reason } : {});

type App = typeof embedApps.$inferSelect;
type Claims = { exp: number; iat: number; sub: string };

/**
 * Verifies an embed token: HS256 only, keyed by the embed app named in `kid`, with `iss` = that app,
 * `aud` = the configured audience, `exp`/`nbf`/`iat` checked and a lifetime no longer than the app allows.
 * Returns who the token speaks for, the app's origins (the caller must then check them), until when the answer
 * holds by the clock (for the identity cache) and `appKey`, which secret it verified with (a digest: a live stream
 * re-checks the token against the app's current row without verifying the signature again, `recheckEmbedToken`).
 */
export async function actorFromEmbedToken(db: DbOrTx, token: string, audience: string) {
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw invalid('The token is not a JWT.');
  }
  if (header.alg !== 'HS256') throw invalid('Only HS256 tokens are accepted.');
  if (FORBIDDEN_HEADERS.some((h) => h in header)) throw invalid('Token headers may not carry keys or key URLs.');
  if (typeof header.kid !== 'string' || !header.kid)
    throw invalid('The token header must name the embed app in "kid".');
  const [app] = await db.select().from(embedApps).where(eq(embedApps.id, header.kid));
  if (!app || app.disabled) throw invalid('Unknown embed app.');

  let payload;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(app.secret), {
      algorithms: ['HS256'],
      issuer: app.id,
      audience,
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: app.tokenMaxAgeSeconds + CLOCK_TOLERANCE_S,
    }));
  } catch (e) {
    if (e instanceof errors.JWTExpired) throw new Problem('token-expired');
    if (e instanceof errors.JWSSignatureVerificationFailed) throw invalid('The token signature does not verify.');
    if (e instanceof errors.JWTClaimValidationFailed)
      throw invalid(`The token's "${e.claim}" claim is not acceptable.`);
    throw invalid('The token could not be verified.');
  }
  const claims = payload as Claims;
  assertLifetime(app, claims);
  const actor = await subjectActor(db, app, claims.sub);
  return { actor, origins: app.origins, validUntil: validUntilOf(app, claims), appKey: appKeyOf(app) };
}

export type EmbedAnswer = Awaited<ReturnType<typeof actorFromEmbedToken>>;

/** Which secret an app verifies with, as a digest (the process keeps no secret beside the app row). */
const appKeyOf = (app: App) => sha256(`embed-app-secret:${app.secret}`);

function assertLifetime(app: App, claims: Claims) {
  if (claims.exp - claims.iat > app.tokenMaxAgeSeconds) {
    throw invalid(`The token lives longer than ${app.tokenMaxAgeSeconds} s.`);
  }
}

/**
 * Until when a token's answer holds by the clock alone (what else could change it moves the identity epoch): until a
 * request with the token would be refused, the clock tolerance included (jose refuses once now >= exp + tolerance).
 * A stream opened in that grace period is held to the same instant a request is; ending it at `exp` would open and
 * end it at once, and a client (which resets its backoff on an open) would reconnect in a loop.
 */
const validUntilOf = (app: App, claims: Claims) =>
  (Math.min(claims.exp, claims.iat + app.tokenMaxAgeSeconds) + CLOCK_TOLERANCE_S) * 1000;

/** Who `sub` is for `app`, with every subject and audience check a request makes; a Problem when refused. */
export async function subjectActor(db: DbOrTx, app: App, sub: string): Promise<Actor> {
  if (sub.startsWith('contact:')) {
    const [c] = await db
      .select()
      .from(contacts)
      .where(eq(contacts.id, sub.slice('contact:'.length)));
    if (!c) throw invalid('The token names no known contact.', 'unknown-subject');
    if (c.disabled) throw new Problem('subject-disabled');
    if (!c.portalEnabled) throw new Problem('forbidden', 'This contact has no portal access; an admin can grant it.');
    assertSpeaksForContacts(app);
    return {
      kind: 'contact',
      grants: [],
      mustChangePassword: false,
      via: 'embed',
      appId: app.id,
      subject: { kind: 'contact', id: c.id, name: c.name, email: c.email, company: c.company, locale: c.locale },
    };
  }
  const [m] = await db.select().from(members).where(dialect.ciEq(members.employeeNo, sub));
  if (!m) throw invalid('The token names no known member.', 'unknown-subject');
  if (m.disabled) throw new Problem('subject-disabled');
  const grants = await loadGrants(db, m.id, m.isSuperAdmin);
  await assertSpeaksForMember(db, app, m, grants);
  return { kind: 'member', subject: memberSubject(m), grants, mustChangePassword: false, via: 'embed', appId: app.id };
}

/**
 * Re-checks tokens already verified at a stream's open, after the identity epoch moved (issue 15), against what can
 * have changed since: the apps' rows (read in one statement per thousand: gone, disabled, another secret, a shorter
 * token lifetime, other origins or audience rules) and each distinct subject's rows, grants and audience rules
 * (`subjectActor`, once per app and subject however many tokens name it). The signature is not verified again:
 * what it was verified with (`appKey`) must still be the app's secret, and a token's claims cannot change.
 * Answers per token its answer now, a `Problem` when a request with it would now be refused; any other error (the
 * database failing) rejects the whole re-check or, for one subject, answers that error.
 */
export async function recheckEmbedTokens(
  db: DbOrTx,
  opened: ReadonlyArray<{ token: string; appKey: string }>,
): Promise<Map<string, EmbedAnswer | Error>> {
  const parsed = new Map<string, { kid: string; claims: Claims; appKey: string }>();
  for (const { token, appKey } of opened) {
    if (parsed.has(token)) continue;
    const kid = decodeProtectedHeader(token).kid as string; // verified at the open: they parse
    parsed.set(token, { kid, claims: decodeJwt(token) as Claims, appKey });
  }
  const appIds = [...new Set([...parsed.values()].map((p) => p.kid))];
  const apps = new Map<string, App>();
  for (let i = 0; i < appIds.length; i += APPS_PER_READ) {
    const rows = await db
      .select()
      .from(embedApps)
      .where(inArray(embedApps.id, appIds.slice(i, i + APPS_PER_READ)));
    for (const app of rows) apps.set(app.id, app);
  }
  const subjects = new Map<string, Promise<Actor>>();
  const answers = new Map<string, EmbedAnswer | Error>();
  for (const [token, { kid, claims, appKey }] of parsed) {
    const app = apps.get(kid);
    try {
      if (!app || app.disabled || appKeyOf(app) !== appKey) throw invalid('Unknown embed app.');
      assertLifetime(app, claims);
      const key = `${app.id}\n${claims.sub}`;
      let actor = subjects.get(key);
      if (!actor) subjects.set(key, (actor = subjectActor(db, app, claims.sub)));
      answers.set(token, { actor: await actor, origins: app.origins, validUntil: validUntilOf(app, claims), appKey });
    } catch (err) {
      answers.set(token, err instanceof Error ? err : new Error(String(err)));
    }
  }
  return answers;
}

/** Apps read per statement by a re-check. */
const APPS_PER_READ = 1000;
