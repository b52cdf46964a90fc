// Test helpers: mount an element inside providers whose client talks to the mock back office or the real test server.
import type { TemplateResult } from 'lit';
import { createHeraldClient, type HeraldClient } from '@herald/client';
import { mountWith, signInFresh, testServerInfo } from '@herald/client/testing/mount';
import { AdminApi } from '../api/admin-api.js';
import type { Department } from '../api/types.js';
import { createMockBackend, type MockBackendOptions } from './mock-backend.js';

/** Mounts against the in-memory back office (the contract's shapes). */
export async function mountMock<T extends HTMLElement>(template: TemplateResult, options: MockBackendOptions = {}) {
  const backend = createMockBackend(options);
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch() });
  return { ...(await mountWith<T>(template, client)), backend };
}

export { $, $$, fill, mountWith, until } from '@herald/client/testing/mount';

/**
 * Mounts against the real Herald test server (proxied at /api/ by the wtr config), signed in as its organisation
 * admin `wtr-admin`. Resolves to null when there is no such server (the caller skips).
 */
export async function mountReal<T extends HTMLElement>(template: TemplateResult) {
  const info = await testServerInfo();
  if (!info.url || !info.orgAdminLogin) return null;
  const client = createHeraldClient({ baseUrl: location.origin });
  await signInFresh(client, info.orgAdminLogin, info.orgAdminPassword!);
  return mountWith<T>(template, client);
}

/**
 * On the real test server: the org admin creates a fresh subtree under the first root (`<root>` and `<root>/<child>`)
 * and a member granted the department-admin role on it; resolves to a client signed in as that member (password
 * changed, as the first sign-in demands) and the two departments. Null when there is no test server.
 */
export async function realDepartmentAdmin(): Promise<{
  client: HeraldClient;
  root: Department;
  child: Department;
} | null> {
  const info = await testServerInfo();
  if (!info.url || !info.orgAdminLogin) return null;
  const tag = `${Date.now() % 1_000_000}${Math.floor(Math.random() * 100)}`;
  const adminClient = createHeraldClient({ baseUrl: location.origin });
  await signInFresh(adminClient, info.orgAdminLogin, info.orgAdminPassword!);
  const api = new AdminApi(adminClient);
  const top = (await api.departments()).find((d) => !d.parentId)!;
  const root = await api.createDepartment({ name: `范围${tag}`, parentId: top.id });
  const child = await api.createDepartment({ name: `子组${tag}`, parentId: root.id });
  const created = await api.createMember({ employeeNo: `da-${tag}`, name: `部门管理员${tag}`, departmentId: root.id });
  const role = (await api.roles()).find((r) => r.builtinKey === 'department-admin')!;
  await api.grant(created.id, { roleId: role.id, departmentId: root.id });
  const client = createHeraldClient({ baseUrl: location.origin });
  await signInFresh(client, `da-${tag}`, created.initialPassword);
  await client.changePassword(created.initialPassword, `Scoped-admin-${tag}-pass!`);
  const list = await new AdminApi(client).departments();
  return { client, root: list.find((d) => d.id === root.id)!, child: list.find((d) => d.id === child.id)! };
}
