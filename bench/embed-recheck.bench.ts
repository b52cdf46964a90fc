/**
 * What re-checking N open embed-token streams costs the guard when the identity epoch moves (issue 15, D3): before,
 * each token verified in full again, one after another (HMAC and 3–4 drizzle queries per token, what
 * `actorFromEmbedToken` does for a request); after, `recheckEmbedTokens` (apps read in batches, each distinct subject
 * once, no signature verified again). Two shapes: N tokens of one member (tabs, reconnects) and N tokens of N
 * members. Interleaved rounds in one process; medians of server CPU (user + system).
 *
 *   node --import tsx bench/embed-recheck.bench.ts [tokens=1000] [rounds=5]
 */
import { SignJWT } from 'jose';
import { createApp } from '../server/src/app.js';
import { seedDemo } from '../server/src/seed.js';
import { actorFromEmbedToken, recheckEmbedTokens } from '../server/src/modules/apps/embed-token.js';
import { adminBrowser } from '../server/src/testing/admin.js';
import { testDeps } from '../server/src/testing/deps.js';
import { body } from '../server/src/testing/http.js';

const N = Number(process.argv[2] ?? 1000);
const ROUNDS = Number(process.argv[3] ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const deps = await testDeps();
await seedDemo(deps.db);
const admin = await adminBrowser(createApp(deps), deps.db);
const app = await body(
  await admin.request('/api/v1/embed-apps', {
    method: 'POST',
    json: {
      name: 'bench',
      origins: ['https://bench.example'],
      audience: 'members',
      tokenMaxAgeSeconds: 3600,
    },
  }),
);
// N members copied from E1002 with set-based SQL (same department and role).
const columns = (await deps.db.$client.execute('pragma table_info(members)')).rows.map((r) => String(r.name));
const copied = columns.map(
  (c) =>
    (
      ({
        id: "'bench-' || n",
        employee_no: "'B' || n",
        email: "'b' || n || '@bench.example'",
        name: "'Bench ' || n",
      }) as Record<string, string>
    )[c] ?? c,
);
await deps.db.$client.execute({
  sql: `with recursive k(n) as (select 0 union all select n + 1 from k where n + 1 < ?)
  insert into members (${columns.join(', ')}) select ${copied.join(', ')} from members, k where employee_no = 'E1002'`,
  args: [N],
});
const others = Array.from({ length: N }, (_, i) => ({ employeeNo: `B${i}` }));

const sign = (sub: string, n: number) =>
  new SignJWT({ n })
    .setProtectedHeader({ alg: 'HS256', kid: app.id })
    .setIssuer(app.id)
    .setAudience('herald')
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(app.secret));
const shapes = {
  'one member': await Promise.all(Array.from({ length: N }, (_, i) => sign('E1002', i))),
  [`${N} members`]: await Promise.all(others.map((m, i) => sign(m.employeeNo, i))),
};
const opened = new Map<string, string>();
for (const tokens of Object.values(shapes)) {
  for (const t of tokens) opened.set(t, (await actorFromEmbedToken(deps.db, t, 'herald')).appKey);
}

const cpu = async (run: () => Promise<unknown>) => {
  const c0 = process.cpuUsage();
  await run();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
for (const [shape, tokens] of Object.entries(shapes)) {
  const before: number[] = [];
  const after: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    before.push(
      await cpu(async () => {
        for (const t of tokens) await actorFromEmbedToken(deps.db, t, 'herald');
      }),
    );
    const open = tokens.map((token) => ({ token, appKey: opened.get(token)! }));
    after.push(await cpu(() => recheckEmbedTokens(deps.db, open)));
  }
  const [b, a] = [median(before), median(after)];
  console.log(
    `${N} embed streams, ${shape}: re-check CPU before ${b.toFixed(0)} ms, after ${a.toFixed(1)} ms ` +
      `(${(b / a).toFixed(1)}×), medians of ${ROUNDS} interleaved rounds`,
  );
}
deps.cleanup();
