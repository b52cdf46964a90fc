import type { Db } from '../../db/client.js';
import type { Authenticated } from '../../http/auth.js';
import { pace } from '../../db/write-queue.js';
import { now } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { Problem } from '../../http/problem.js';
import { recheckEmbedTokens } from '../apps/embed-token.js';
import type { Actor } from '../auth/actor.js';
import { readIdentityEpoch } from '../auth/identity-cache.js';
import { readSessions } from '../auth/session-read.js';
import type { LiveHub } from './hub.js';

/** An open stream as the guard sees it: who it was opened as, on what, and until when that holds by the clock. */
type Watched = {
  readonly credential: Authenticated['credential'];
  readonly actor: Actor;
  /** `fingerprint(actor)`, made at the first re-check (an open should not pay for it). */
  fingerprint?: string;
  /** The identity epoch its actor is known to be current at. */
  epoch: number;
  validUntil: number;
  readonly end: () => void;
};

/** Sessions re-read per statement when the epoch moved (a bounded statement; the loop yields between them). */
const SESSIONS_PER_READ = 1000;
type EmbedCredential = Extract<Authenticated['credential'], { via: 'embed' }>;

/** What a stream's rights are made of: two look-ups that answer the same fingerprint grant the same. */
export function fingerprint(actor: Actor): string {
  const { grants, ...who } = actor;
  return JSON.stringify([who, grants.map((g) => `${g.permission}@${g.departmentId ?? '*'}`).sort()]);
}

/**
 * Ends an open live stream once its owner may no longer have it (issue 15): signed out, disabled, a password change
 * that ended the session, a revoked grant or role, an embed app disabled or its origin removed, or the session or
 * embed token expired. A request is refused at once through the identity epoch (`auth/identity-cache.ts`); a stream
 * opened before the change would otherwise have gone on for hours.
 *
 * Driven by the hub's poll (every `HERALD_LIVE_POLL_MS`, only while streams are open), so it costs nothing per stream
 * while nothing changes: one read of the epoch per poll, and an expiry check against the earliest expiry. When the
 * epoch moved — any write, in any process, to what an actor is made of — the streams opened before it are asked
 * again, all the sessions in one statement per thousand, the embed tokens' apps likewise and each distinct subject
 * once (`recheckEmbedTokens`: a token's signature is verified at its open only), and a stream whose owner's
 * look-up now fails or answers a different actor is ended. Its client reconnects with `Last-Event-ID`: under its
 * current identity it misses nothing, without one it gets 401/403. Ending on any change (a new name, a grant added)
 * rather than only a loss keeps one rule: a stream always runs as the identity a new request would get.
 */
export class StreamGuard {
  readonly #watched = new Set<Watched>();
  #checkedEpoch: number | undefined;
  /** A stream joined with an epoch other than the checked one (or while a check ran): check at the next poll. */
  #stale = false;
  #nextExpiry = Number.POSITIVE_INFINITY;
  #checking: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly logger?: Logger,
  ) {}

  /** Watches an open stream; `end` is called (once) when it must end. Answers the function that stops watching. */
  watch(actor: Actor, authenticated: Authenticated, end: () => void): () => void {
    const watched: Watched = {
      credential: authenticated.credential,
      actor,
      epoch: authenticated.epoch,
      validUntil: authenticated.validUntil,
      end,
    };
    this.#watched.add(watched);
    if (watched.epoch !== this.#checkedEpoch || this.#checking) this.#stale = true;
    this.#nextExpiry = Math.min(this.#nextExpiry, watched.validUntil);
    return () => {
      this.#watched.delete(watched);
    };
  }

  /** How many streams are watched. */
  get size(): number {
    return this.#watched.size;
  }

  /** Ends the streams whose time ran out, and re-checks the others if the identity epoch moved (one at a time). */
  check(): Promise<void> {
    if (this.#watched.size === 0) return Promise.resolve();
    this.#checking ??= this.#check()
      .catch((err: unknown) => this.logger?.error({ err }, 'live: re-checking open streams failed'))
      .finally(() => {
        this.#checking = undefined;
      });
    return this.#checking;
  }

  async #check() {
    const at = now();
    if (at >= this.#nextExpiry) this.#endExpired(at);
    // Read before any look-up: a change after this read moves the epoch again and is caught by the next check.
    const epoch = await readIdentityEpoch(this.db);
    if (epoch === this.#checkedEpoch && epoch >= 0 && !this.#stale) return;
    this.#stale = false;
    const due = [...this.#watched].filter((w) => w.epoch !== epoch || epoch < 0);
    const sessions = due.filter((w) => w.credential.via === 'session');
    for (let i = 0; i < sessions.length; i += SESSIONS_PER_READ) {
      const chunk = sessions.slice(i, i + SESSIONS_PER_READ);
      const sessionId = (w: Watched) => (w.credential as { sessionId: string }).sessionId;
      const live = await readSessions(this.db, chunk.map(sessionId), now());
      for (const w of chunk) {
        await pace(); // a re-check of thousands must not hold the event loop (issue 15: no stalls)
        const session = live.get(sessionId(w));
        this.#settle(w, epoch, session && fingerprint(session.actor), session?.expiresAt);
      }
    }
    const embedded = due.filter((w) => w.credential.via === 'embed');
    // Each token's signature was verified at the open; what can change since is re-read in batches (D3).
    const answers = embedded.length
      ? await recheckEmbedTokens(
          this.db,
          embedded.map((w) => w.credential as EmbedCredential),
        )
      : new Map();
    let failed = false;
    for (const w of embedded) {
      await pace();
      const { token, origin } = w.credential as EmbedCredential;
      const answer = answers.get(token);
      if (answer instanceof Error && !(answer instanceof Problem)) {
        // Not a refusal (the database failing): keep the stream and ask again at the next poll, as for sessions.
        if (!failed) this.logger?.error({ err: answer }, 'live: re-checking an embed token failed');
        failed = true;
        continue;
      }
      const verified = answer instanceof Error ? undefined : answer;
      // The same rule as a request's (http/auth.ts): a browser's origin must still be one of the app's.
      const allowed = verified && (!origin || verified.origins.includes(origin));
      this.#settle(w, epoch, allowed ? fingerprint(verified.actor) : undefined, verified?.validUntil);
    }
    if (failed) this.#stale = true; // the streams not settled keep their older epoch: due again
    this.#checkedEpoch = epoch;
  }

  /** Keeps a re-checked stream (now current at `epoch`) if its look-up answered the same actor, else ends it. */
  #settle(w: Watched, epoch: number, fingerprintNow: string | undefined, validUntil: number | undefined) {
    if (!this.#watched.has(w)) return; // it closed while being checked
    w.fingerprint ??= fingerprint(w.actor);
    if (fingerprintNow !== w.fingerprint || validUntil === undefined) return this.#end(w);
    w.epoch = epoch;
    w.validUntil = validUntil;
    this.#nextExpiry = Math.min(this.#nextExpiry, validUntil);
  }

  #endExpired(at: number) {
    let next = Number.POSITIVE_INFINITY;
    for (const w of this.#watched) {
      if (w.validUntil <= at) this.#end(w);
      else next = Math.min(next, w.validUntil);
    }
    this.#nextExpiry = next;
  }

  #end(w: Watched) {
    this.#watched.delete(w);
    w.end();
  }
}

const guards = new WeakMap<LiveHub, StreamGuard>();

/** The guard of a hub's streams, checking at each of its polls. */
export function streamGuard(hub: LiveHub, db: Db, logger?: Logger): StreamGuard {
  let guard = guards.get(hub);
  if (!guard) {
    const created = new StreamGuard(db, logger);
    hub.onPoll(() => void created.check());
    guards.set(hub, (guard = created));
  }
  return guard;
}
