import { eq, sql } from 'drizzle-orm';
import { decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { contacts } from '../contacts/schema.js';
import { members } from '../org/schema.js';
import { loadGrants, type Actor } from '../auth/actor.js';
import { memberSubject } from '../auth/service.js';
import { assertSpeaksForContacts, assertSpeaksForMember } from './audience.js';
import { embedApps } from './schema.js';

const CLOCK_TOLERANCE_S = 30;
/** Header members that would let a token name its own key; keys come only from the app registry. */
const FORBIDDEN_HEADERS = ['jku', 'jwk', 'x5u', 'x5c'] as const;

/** `reason` tells a widget which fix to name (issue 21: `unknown-subject` — an admin must add the person first). */
const invalid = (why: string, reason?: 'unknown-subject') => new Problem('token-invalid', why, reason ? { reason } : {});

/**
 * Verifies an embed token: HS256 only, keyed by the embed app named in `kid`, with `iss` = that app,
 * `aud` = the configured audience, `exp`/`nbf`/`iat` checked and a lifetime no longer than the app allows.
 * Returns who the token speaks for, the app's origins (the caller must then check them) and until when the answer
 * holds by the clock (for the identity cache).
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
  if (typeof header.kid !== 'string' || !header.kid) throw invalid('The token header must name the embed app in "kid".');
  const [app] = await db.select().from(embedApps).where(eq(embedApps.id, header.kid));
  if (!app || app.disabled) throw invalid('Unknown embed app.');

  let payload;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(app.secret), {
      algorithms: ['HS256'], issuer: app.id, audience, clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['exp', 'iat', 'sub'], maxTokenAge: app.tokenMaxAgeSeconds + CLOCK_TOLERANCE_S,
    }));
  } catch (e) {
    if (e instanceof errors.JWTExpired) throw new Problem('token-expired');
    if (e instanceof errors.JWSSignatureVerificationFailed) throw invalid('The token signature does not verify.');
    if (e instanceof errors.JWTClaimValidationFailed) throw invalid(`The token's "${e.claim}" claim is not acceptable.`);
    throw invalid('The token could not be verified.');
  }
  if (payload.exp! - payload.iat! > app.tokenMaxAgeSeconds) {
    throw invalid(`The token lives longer than ${app.tokenMaxAgeSeconds} s.`);
  }

  const sub = payload.sub!;
  let actor: Actor;
  if (sub.startsWith('contact:')) {
    const [c] = await db.select().from(contacts).where(eq(contacts.id, sub.slice('contact:'.length)));
    if (!c) throw invalid('The token names no known contact.', 'unknown-subject');
    if (c.disabled) throw new Problem('subject-disabled');
    if (!c.portalEnabled) throw new Problem('forbidden', 'This contact has no portal access; an admin can grant it.');
    assertSpeaksForContacts(app);
    actor = {
      kind: 'contact', grants: [], mustChangePassword: false, via: 'embed', appId: app.id,
      subject: { kind: 'contact', id: c.id, name: c.name, email: c.email, company: c.company, locale: c.locale },
    };
  } else {
    const [m] = await db.select().from(members).where(sql`${members.employeeNo} = ${sub} collate nocase`);
    if (!m) throw invalid('The token names no known member.', 'unknown-subject');
    if (m.disabled) throw new Problem('subject-disabled');
    const grants = await loadGrants(db, m.id, m.isSuperAdmin);
    await assertSpeaksForMember(db, app, m, grants);
    actor = { kind: 'member', subject: memberSubject(m), grants, mustChangePassword: false, via: 'embed', appId: app.id };
  }
  // Until when this answer holds by the clock alone (what else could change it moves the identity epoch): until a
  // request with the token would be refused, the clock tolerance included (jose refuses once now >= exp + tolerance).
  // A stream opened in that grace period is held to the same instant a request is; ending it at `exp` would open and
  // end it at once, and a client (which resets its backoff on an open) would reconnect in a loop.
  const validUntil = (Math.min(payload.exp!, payload.iat! + app.tokenMaxAgeSeconds) + CLOCK_TOLERANCE_S) * 1000;
  return { actor, origins: app.origins, validUntil };
}
