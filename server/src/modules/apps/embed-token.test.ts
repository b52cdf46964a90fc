import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { createApp } from '../../app.js';
import { testDeps } from '../../testing/deps.js';
import { adminBrowser } from '../../testing/admin.js';
import { body, type Browser } from '../../testing/http.js';
import { seedDemo } from '../../seed.js';
import { newId } from '../../lib/ids.js';
import { members } from '../org/schema.js';
import { contacts } from '../contacts/schema.js';

const ORIGIN = 'https://portal.example.com';
const nowS = () => Math.floor(Date.now() / 1000);

describe('embed apps and embed tokens (JWT)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let admin: Browser;
  let appId: string;
  let secret: Uint8Array;
  const mint = (
    claims: Record<string, unknown> = {},
    opts: { key?: Uint8Array; kid?: string; iat?: number; exp?: number; header?: Record<string, unknown> } = {},
  ) => {
    const iat = opts.iat ?? nowS();
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256', kid: opts.kid ?? appId, ...opts.header })
      .setIssuer(appId)
      .setAudience('herald')
      .setSubject('E1001')
      .setIssuedAt(iat)
      .setExpirationTime(opts.exp ?? iat + 600)
      .sign(opts.key ?? secret);
  };
  const call = (token: string, origin: string | null = ORIGIN) =>
    app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}`, ...(origin ? { origin } : {}) } });
  const refused = async (res: Response, status: number, code: string) => {
    assert.equal(res.status, status);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    const p = await body(res);
    assert.equal(p.code, code);
    assert.equal(p.subject, undefined, 'nothing about the subject leaks');
    return p;
  };

  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
    await seedDemo(deps.db);
    admin = await adminBrowser(app, deps.db);
    const res = await admin.request('/api/v1/embed-apps', {
      method: 'POST',
      json: { name: 'Customer portal', origins: [ORIGIN, 'http://localhost:5173/'], audience: 'both' },
    });
    assert.equal(res.status, 201);
    const created = await body(res);
    appId = created.id;
    secret = new TextEncoder().encode(created.secret);
    assert.deepEqual(created.origins, [ORIGIN, 'http://localhost:5173'], 'origins are normalised');
  });
  after(() => deps.cleanup());

  test('the secret is shown once: listing never includes it', async () => {
    const list = await body(await admin.request('/api/v1/embed-apps'));
    assert.ok(list.items.length >= 1);
    assert.ok(list.items.every((a: Record<string, unknown>) => !('secret' in a)));
    assert.equal(list.items[0].secret, undefined);
  });

  test('a valid token makes the caller that member', async () => {
    const res = await call(await mint());
    assert.equal(res.status, 200);
    const me = await body(res);
    assert.equal(me.subject.employeeNo, 'E1001');
    assert.equal(me.via, 'embed');
    assert.equal(me.csrfToken, null);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
  });

  test('R7: a token for an external contact with portal access makes the caller that contact', async () => {
    const id = newId();
    await deps.db
      .insert(contacts)
      .values({ id, kind: 'customer', name: 'Dana Customer', company: 'Acme', createdAt: 1, updatedAt: 1 });
    const token = () =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', kid: appId })
        .setIssuer(appId)
        .setAudience('herald')
        .setSubject(`contact:${id}`)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(secret);
    const p = await refused(await call(await token()), 403, 'forbidden');
    assert.match(p.detail, /portal access/, 'R7: only contacts given portal access may sign in');
    await deps.db.update(contacts).set({ portalEnabled: true }).where(eq(contacts.id, id));
    const me = await body(await call(await token()));
    assert.deepEqual([me.subject.kind, me.subject.company, me.permissions], ['contact', 'Acme', []]);
  });

  test('expired', async () => {
    await refused(await call(await mint({}, { iat: nowS() - 900, exp: nowS() - 120 })), 401, 'token-expired');
  });

  test('not yet valid', async () => {
    await refused(await call(await mint({ nbf: nowS() + 300 })), 401, 'token-invalid');
  });

  test('signed with the wrong key', async () => {
    await refused(await call(await mint({}, { key: new TextEncoder().encode('x'.repeat(43)) })), 401, 'token-invalid');
  });

  test('alg: none', async () => {
    const unsigned = new UnsecuredJWT({})
      .setIssuer(appId)
      .setAudience('herald')
      .setSubject('E1001')
      .setIssuedAt()
      .setExpirationTime('5m')
      .encode();
    await refused(await call(unsigned), 401, 'token-invalid');
    const withKid = unsigned.replace(
      /^[^.]+/,
      Buffer.from(JSON.stringify({ alg: 'none', kid: appId })).toString('base64url'),
    );
    await refused(await call(withKid), 401, 'token-invalid');
  });

  test('HS/RS confusion: an RS256 token is refused, whatever key signed it', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const rs = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: appId })
      .setIssuer(appId)
      .setAudience('herald')
      .setSubject('E1001')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    await refused(await call(rs), 401, 'token-invalid');
  });

  test('keys named by the token itself (jwk, jku) are refused', async () => {
    const p = await refused(
      await call(await mint({}, { header: { jku: 'https://evil.example/keys.json' } })),
      401,
      'token-invalid',
    );
    assert.match(p.detail, /key/);
    await refused(await call(await mint({}, { header: { jwk: { kty: 'oct', k: 'eA' } } })), 401, 'token-invalid');
  });

  test('wrong audience', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: appId })
      .setIssuer(appId)
      .setAudience('someone-else')
      .setSubject('E1001')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(secret);
    await refused(await call(token), 401, 'token-invalid');
  });

  test('wrong issuer', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: appId })
      .setIssuer('another-app')
      .setAudience('herald')
      .setSubject('E1001')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(secret);
    await refused(await call(token), 401, 'token-invalid');
  });

  test('unknown app', async () => {
    await refused(await call(await mint({}, { kid: newId() })), 401, 'token-invalid');
  });

  test('a lifetime over the app maximum (default 15 minutes)', async () => {
    const p = await refused(await call(await mint({}, { exp: nowS() + 3600 })), 401, 'token-invalid');
    assert.match(p.detail, /900 s/);
  });

  test('unknown and disabled members', async () => {
    const unknown = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: appId })
      .setIssuer(appId)
      .setAudience('herald')
      .setSubject('E9999')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(secret);
    const p = await refused(await call(unknown), 401, 'token-invalid');
    assert.equal(p.reason, 'unknown-subject', 'issue 21: the widget can say the person is unknown, not "reload"');
    await deps.db.update(members).set({ disabled: true }).where(eq(members.employeeNo, 'E1001'));
    try {
      await refused(await call(await mint()), 403, 'subject-disabled');
    } finally {
      await deps.db.update(members).set({ disabled: false }).where(eq(members.employeeNo, 'E1001'));
    }
  });

  test('origin not on the app list: refused, and the refusal (only) is readable there', async () => {
    const res = await call(await mint(), 'https://evil.example');
    await refused(res, 403, 'origin-not-allowed');
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://evil.example', 'so the widget can say why');
    const openDoc = await app.request('/api/v1/openapi.json', { headers: { origin: 'https://evil.example' } });
    assert.equal(openDoc.status, 200);
    assert.equal(openDoc.headers.get('access-control-allow-origin'), null, 'no successful answer is readable there');
  });

  test('CORS preflight: answered without credentials; a registered origin reads successful answers', async () => {
    const pre = (origin: string) =>
      app.request('/api/v1/me', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const ok = await pre(ORIGIN);
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(ok.headers.get('access-control-allow-headers')!, /authorization/);
    assert.equal(ok.headers.get('access-control-allow-credentials'), null, 'cookies never cross origins');
    assert.equal((await pre('https://evil.example')).headers.get('access-control-allow-credentials'), null);
  });

  test('a newly registered origin works at once (no stale CORS cache)', async () => {
    const other = 'https://intranet.example.org';
    assert.equal((await call(await mint(), other)).status, 403, 'fills the cache without the origin');
    const created = await body(
      await admin.request('/api/v1/embed-apps', {
        method: 'POST',
        json: { name: 'Intranet', origins: [other], audience: 'both' },
      }),
    );
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: created.id })
      .setIssuer(created.id)
      .setAudience('herald')
      .setSubject('E1001')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(created.secret));
    const res = await call(token, other);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), other);
  });

  test('a disabled app, or a rotated secret, stops its tokens', async () => {
    const token = await mint();
    const rotated = await body(await admin.request(`/api/v1/embed-apps/${appId}/secret`, { method: 'POST' }));
    await refused(await call(token), 401, 'token-invalid');
    secret = new TextEncoder().encode(rotated.secret);
    assert.equal((await call(await mint())).status, 200);
    await admin.request(`/api/v1/embed-apps/${appId}`, { method: 'PATCH', json: { disabled: true } });
    await refused(await call(await mint()), 401, 'token-invalid');
    await admin.request(`/api/v1/embed-apps/${appId}`, { method: 'PATCH', json: { disabled: false } });
  });

  test('only org admins register embed apps, and origins must be origins', async () => {
    const member = await call(await mint());
    assert.equal(member.status, 200);
    const res = await app.request('/api/v1/embed-apps', {
      method: 'POST',
      headers: { authorization: `Bearer ${await mint()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', origins: ['https://a.example'] }),
    });
    await refused(res, 403, 'forbidden');
    const bad = await admin.request('/api/v1/embed-apps', {
      method: 'POST',
      json: { name: 'x', origins: ['https://a.example/path'] },
    });
    assert.equal((await body(bad)).code, 'validation');
  });
});

describe('API keys for host back ends', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
  });
  after(() => deps.cleanup());

  test('a key acts with exactly its permissions until revoked', async () => {
    const admin = await adminBrowser(app, deps.db);
    const created = await body(
      await admin.request('/api/v1/api-keys', {
        method: 'POST',
        json: { name: 'HR system', permissions: ['data.view'] },
      }),
    );
    assert.match(created.key, /^hk_/);
    const headers = { authorization: `Bearer ${created.key}` };
    const me = await body(await app.request('/api/v1/me', { headers }));
    assert.deepEqual([me.via, me.permissions, me.subject], ['api-key', ['data.view'], null]);
    assert.equal((await app.request('/api/v1/embed-apps', { headers })).status, 403, 'no org.admin on this key');
    const list = await body(await admin.request('/api/v1/api-keys'));
    assert.equal(list.items[0].key, undefined);
    assert.equal((await admin.request(`/api/v1/api-keys/${created.id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await app.request('/api/v1/me', { headers })).status, 401);
    const forged = `${created.key.slice(0, -4)}AAAA`;
    assert.equal((await app.request('/api/v1/me', { headers: { authorization: `Bearer ${forged}` } })).status, 401);
  });
});
