// Issue 13, R4: no one hands out more than they hold. API keys, roles and grants carry only permissions their creator
// holds where they apply; a property test over random (creator's grants, requested rights) pairs shows that no
// creation ever widens rights.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { demoApp } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { Problem } from '../../http/problem.js';
import { departments, members } from '../org/schema.js';
import { createApiKey } from '../apps/service.js';
import type { Actor, Grant } from './actor.js';
import { PERMISSIONS, type Permission } from './permissions.js';
import { grantRole } from './roles.js';
import { roleGrants, roles } from './schema.js';
import { inScope, scopeOf } from './scope.js';

const info = { ip: null, userAgent: null, requestId: null };

describe('handing out rights (issue 13, R4)', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  const ids: Record<string, string> = {};
  let orgAdmin: Browser;
  let superOnlyRoleId: string;

  before(async () => {
    demo = await demoApp(ids);
    orgAdmin = await demo.as('E1006', 'org-admin');
    const created = await demo.admin.request('/api/v1/roles', {
      method: 'POST',
      json: { name: 'Flow keeper', permissions: ['approval.admin', 'data.view'] },
    });
    superOnlyRoleId = (await body(created)).id;
  });
  after(() => demo.deps.cleanup());

  const reason = async (res: Response) => {
    assert.equal(res.status, 403, await res.clone().text());
    const p = await body(res);
    return `${p.reason} ${p.permissions}`;
  };

  test('an org admin cannot mint an API key with approval.admin (the attack of issue 13), but can with what it \
holds', async () => {
    assert.equal(
      await reason(
        await orgAdmin.request('/api/v1/api-keys', {
          method: 'POST',
          json: { name: 'x', permissions: ['approval.admin', 'message.send.internal'] },
        }),
      ),
      'exceeds-own-rights approval.admin',
    );
    const ok = await orgAdmin.request('/api/v1/api-keys', {
      method: 'POST',
      json: { name: 'HR system', permissions: ['message.send.internal'] },
    });
    assert.equal(ok.status, 201);
  });

  test('an org admin cannot create, widen, grant or revoke a role carrying approval.admin', async () => {
    assert.equal(
      await reason(
        await orgAdmin.request('/api/v1/roles', {
          method: 'POST',
          json: { name: 'Sneaky', permissions: ['approval.admin'] },
        }),
      ),
      'exceeds-own-rights approval.admin',
    );
    const mine = await body(
      await orgAdmin.request('/api/v1/roles', {
        method: 'POST',
        json: { name: 'Readers', permissions: ['data.view'] },
      }),
    );
    assert.equal(
      await reason(
        await orgAdmin.request(`/api/v1/roles/${mine.id}`, {
          method: 'PATCH',
          json: { permissions: ['data.view', 'approval.admin'] },
        }),
      ),
      'exceeds-own-rights approval.admin',
    );
    assert.equal(
      await reason(
        await orgAdmin.request(`/api/v1/roles/${superOnlyRoleId}`, {
          method: 'PATCH',
          json: { permissions: ['data.view'] },
        }),
      ),
      'exceeds-own-rights approval.admin',
      'nor strip it from its holders',
    );
    assert.equal(
      await reason(
        await orgAdmin.request(`/api/v1/members/${ids.E1003}/grants`, {
          method: 'POST',
          json: { roleId: superOnlyRoleId },
        }),
      ),
      'exceeds-own-rights approval.admin',
    );
    const granted = await body(
      await demo.admin.request(`/api/v1/members/${ids.E1003}/grants`, {
        method: 'POST',
        json: { roleId: superOnlyRoleId },
      }),
    );
    assert.equal(
      await reason(await orgAdmin.request(`/api/v1/members/${ids.E1003}/grants/${granted.id}`, { method: 'DELETE' })),
      'exceeds-own-rights approval.admin',
    );
    // What it holds it hands out: the department-admin role, limited to a department.
    const [dept] = await demo.deps.db.select().from(departments).where(eq(departments.name, '市场部'));
    const [deptAdmin] = await demo.deps.db.select().from(roles).where(eq(roles.builtinKey, 'department-admin'));
    assert.equal(
      (
        await orgAdmin.request(`/api/v1/members/${ids.E1005}/grants`, {
          method: 'POST',
          json: { roleId: deptAdmin!.id, departmentId: dept!.id },
        })
      ).status,
      201,
    );
  });

  test("a key acts only as far as its creator still holds its rights, never changes its creator's own roles, and is \
revoked only by someone holding its rights", async () => {
    const admin2 = await demo.as('E1007', 'org-admin');
    const created = await body(
      await admin2.request('/api/v1/api-keys', {
        method: 'POST',
        json: { name: 'Ops', permissions: ['org.admin', 'data.view'] },
      }),
    );
    const call = (path: string, init: RequestInit = {}) =>
      demo.app.request(path, {
        ...init,
        headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' },
      });
    assert.equal((await call('/api/v1/api-keys')).status, 200);
    const [sender] = await demo.deps.db.select().from(roles).where(eq(roles.builtinKey, 'sender'));
    const own = await call(`/api/v1/members/${ids.E1007}/grants`, {
      method: 'POST',
      body: JSON.stringify({ roleId: sender!.id }),
    });
    assert.equal(own.status, 403, "four eyes: not through one's own key either");
    // The super admin takes the org-admin role away from 李四's creator (Bob Li): the key loses org.admin at once.
    await demo.deps.db.delete(roleGrants).where(eq(roleGrants.memberId, ids.E1007!));
    assert.equal((await call('/api/v1/api-keys')).status, 403);
    assert.deepEqual((await body(await call('/api/v1/me'))).permissions, []);
    await demo.deps.db.update(members).set({ disabled: true }).where(eq(members.id, ids.E1007!));
    assert.equal((await call('/api/v1/me')).status, 401, "a disabled creator's keys stop");
    const flows = await body(
      await demo.admin.request('/api/v1/api-keys', {
        method: 'POST',
        json: { name: 'Flows', permissions: ['approval.admin'] },
      }),
    );
    assert.equal(
      await reason(await orgAdmin.request(`/api/v1/api-keys/${flows.id}`, { method: 'DELETE' })),
      'exceeds-own-rights approval.admin',
    );
  });

  test('property: whatever a creator holds, nothing it creates carries a right it does not hold there', async () => {
    const db = demo.deps.db;
    const depts = await db.select({ id: departments.id, path: departments.path }).from(departments);
    const customRoles = new Map<string, string>();
    // Roles of any permission set, made as the operator would (fixtures, not what is under test).
    const roleFor = async (permissions: Permission[]) => {
      const key = [...permissions].sort().join(',');
      if (!customRoles.has(key)) {
        const id = crypto.randomUUID();
        await db
          .insert(roles)
          .values({ id, builtinKey: null, name: `prop ${key}`, permissions, createdAt: Date.now() });
        customRoles.set(key, id);
      }
      return customRoles.get(key)!;
    };
    const grantArb = fc.record({
      permission: fc.constantFrom(...PERMISSIONS),
      dept: fc.option(fc.constantFrom(...depts.map((d) => d.id)), { nil: null }),
    });
    const wantedArb = fc.uniqueArray(fc.constantFrom(...PERMISSIONS), { minLength: 1, maxLength: PERMISSIONS.length });
    const deptArb = fc.option(fc.constantFrom(...depts.map((d) => d.id)), { nil: null });
    const pathOf = (id: string | null) => (id ? depts.find((d) => d.id === id)!.path : null);
    await fc.assert(
      fc.asyncProperty(
        fc.array(grantArb, { maxLength: 8 }),
        wantedArb,
        deptArb,
        fc.constantFrom('api-key', 'grant'),
        async (held, wanted, dept, kind) => {
          // The creator: org.admin org-wide (what the routes require), plus random grants.
          const grants: Grant[] = [
            { permission: 'org.admin', departmentId: null },
            ...held.map((g) => ({ permission: g.permission, departmentId: g.dept })),
          ];
          const creator: Actor = {
            kind: 'member',
            via: 'embed',
            appId: 'property',
            mustChangePassword: false,
            grants,
            subject: { kind: 'member', id: ids.E1006!, employeeNo: 'E1006', name: '孙七', email: null, locale: null },
          };
          const where = kind === 'api-key' ? null : pathOf(dept);
          let covered = true;
          for (const p of wanted) {
            const s = await scopeOf(db, creator, p);
            if (!s || (where === null ? !s.all : !inScope(s, where))) covered = false;
          }
          let created = false;
          try {
            if (kind === 'api-key') await createApiKey(db, creator, { name: 'prop', permissions: wanted }, info);
            else await grantRole(db, creator, ids.E1002!, { roleId: await roleFor(wanted), departmentId: dept }, info);
            created = true;
          } catch (err) {
            if (!(err instanceof Problem)) throw err;
            // Other refusals (a role of organisation-wide rights limited to a department, a grant held already) are
            // fine;
            // the one that matters is that an uncovered request is never created.
            if (err.code === 'forbidden') assert.equal(err.extras.reason, 'exceeds-own-rights');
          }
          assert.ok(
            !created || covered,
            `created ${kind} with ${wanted} at ${where ?? 'org'} from ${JSON.stringify(grants)}`,
          );
          if (covered && kind === 'api-key') assert.ok(created, 'a covered API key is created');
        },
      ),
      { numRuns: 150, seed: 13 },
    );
  });
});
