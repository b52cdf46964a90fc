/**
 * The shape of a request (issue 15, first part): server CPU per request and SQL statements per request for Herald's
 * hot routes, against a bare Hono hello-world measured in the same run, interleaved (one round = one request of
 * each, in turn), in process through `app.request` (no sockets: what is measured is the server's own work).
 * A member with `ENTRIES` messages in the inbox; the cookie path and the embed-token path.
 *
 *   node --import tsx bench/api.bench.ts [rounds=300] [entries=20000]
 *
 * Prints median and p99 CPU µs per request, the ratio of the median to hello-world's, and the statements each
 * request ran (counted by wrapping the connection's `prepare`). Not run by the test suite.
 */
import { SignJWT } from 'jose';
import { createApp } from '../server/src/app.js';
import { seedDemo } from '../server/src/seed.js';
import { adminBrowser } from '../server/src/testing/admin.js';
import { countStatements, helloApp } from '../server/src/testing/bench.js';
import { testDeps } from '../server/src/testing/deps.js';
import { body } from '../server/src/testing/http.js';
import { browserAs } from '../server/src/modules/imports/testing.js';

const ROUNDS = Number(process.argv[2] ?? 300);
const ENTRIES = Number(process.argv[3] ?? 20_000);
const statementCount = countStatements();

const cpuUs = () => { const u = process.cpuUsage(); return u.user + u.system; };
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

const deps = await testDeps();
try {
  const app = createApp(deps);
  await seedDemo(deps.db);
  const admin = await adminBrowser(app, deps.db);
  const member = await browserAs(app, deps.db, 'E1002', 'sender');
  const ids = Object.fromEntries((await deps.db.$client.execute('select employee_no, id from members')).rows.map((r) => [r.employee_no, r.id]));
  const T = Date.now();
  await deps.db.$client.execute(`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${ENTRIES - 1})
    insert into messages (id, thread_id, sender_kind, sender_id, kind, priority, subject, body, body_text, links, receipt_required,
      status, recipient_count, delivered_at, revision, created_at, updated_at)
    select printf('b%07d', i), printf('b%07d', i), 'member', '${ids.E1001}', 'internal', case when i % 50 = 0 then 'urgent' else 'normal' end,
      '工作安排 ' || i, '{"type":"doc","content":[]}', '请查收 ' || i, '[]', i % 20 = 3, 'sent', 1, ${T} - i * 30000, 1, ${T} - i * 30000, ${T} - i * 30000 from s`);
  await deps.db.$client.execute(`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${ENTRIES - 1})
    insert into mailbox (message_id, owner_kind, owner_id, thread_id, sender_id, priority, receipt_required, has_attachments, delivered_at, read_at)
    select printf('b%07d', i), 'member', '${ids.E1002}', printf('b%07d', i), '${ids.E1001}', case when i % 50 = 0 then 'urgent' else 'normal' end,
      i % 20 = 3, 0, ${T} - i * 30000, case when i % 10 = 0 then null else ${T} end from s`);
  await deps.db.$client.execute('analyze');

  // An intranet embed app (members, registered by the super admin) and a token for 李四.
  const embed = await body(await admin.request('/api/v1/embed-apps', { method: 'POST', json: { name: 'Bench', origins: ['https://bench.example'], audience: 'members', tokenMaxAgeSeconds: 3600 } }));
  const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256', kid: embed.id }).setIssuer(embed.id).setAudience('herald')
    .setSubject('E1002').setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(embed.secret));
  const bearer = { authorization: `Bearer ${token}`, origin: 'https://bench.example' };

  const hello = helloApp();
  let sends = 0;
  const routes: Array<[string, () => Response | Promise<Response>]> = [
    ['hello-world (bare Hono)', () => hello.request('/')],
    ['GET /healthz', () => app.request('/healthz')],
    ['GET /me (cookie)', () => member.request('/api/v1/me')],
    ['GET /me (embed token)', () => app.request('/api/v1/me', { headers: bearer })],
    ['GET /mailbox/unread-count (cookie)', () => member.request('/api/v1/mailbox/unread-count')],
    ['GET /mailbox?limit=50 (cookie)', () => member.request('/api/v1/mailbox?limit=50')],
    ['GET /mailbox?limit=50 (embed token)', () => app.request('/api/v1/mailbox?limit=50', { headers: bearer })],
    ['POST /messages, 1 recipient (cookie)', () => member.request('/api/v1/messages', { method: 'POST', json: {
      kind: 'internal', subject: `bench ${++sends}`, body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'hi' }] }] },
      audience: [{ kind: 'member', targetId: ids.E1003 }],
    } })],
  ];
  // BENCH_ONLY=<part of a route's name> measures that route alone (beside hello-world), e.g. under --cpu-prof.
  const only = process.env.BENCH_ONLY;
  if (only) routes.splice(1, routes.length, ...routes.filter(([name], i) => i > 0 && name.includes(only)));
  const cpu = new Map(routes.map(([name]) => [name, [] as number[]]));
  const stmts = new Map(routes.map(([name]) => [name, [] as number[]]));
  for (let round = -20; round < ROUNDS; round++) {
    for (const [name, call] of routes) {
      const s0 = statementCount();
      const c0 = cpuUs();
      const res = await call();
      await res.arrayBuffer();
      const c = cpuUs() - c0;
      if (!res.ok) throw new Error(`${name}: ${res.status}`);
      if (round >= 0) { cpu.get(name)!.push(c); stmts.get(name)!.push(statementCount() - s0); }
    }
  }
  const base = pct(cpu.get(routes[0]![0])!, 0.5);
  console.log(`${ROUNDS} interleaved rounds, ${ENTRIES} inbox entries, Node ${process.version}\n`);
  console.log('route'.padEnd(40), 'CPU µs p50'.padStart(11), 'p99'.padStart(8), '× hello'.padStart(9), 'statements'.padStart(11));
  for (const [name] of routes) {
    const xs = cpu.get(name)!;
    console.log(name.padEnd(40), String(pct(xs, 0.5)).padStart(11), String(pct(xs, 0.99)).padStart(8),
      (pct(xs, 0.5) / base).toFixed(1).padStart(9), String(pct(stmts.get(name)!, 0.5)).padStart(11));
  }
} finally {
  if (process.env.BENCH_KEEP) console.log(`kept ${deps.dir}`); else deps.cleanup();
}
