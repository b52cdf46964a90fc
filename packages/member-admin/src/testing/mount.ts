// Test helpers: mount an element inside providers whose client talks to the mock back office or the real test server.
import { fixture } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { render, type TemplateResult } from 'lit';
import { createHeraldClient, createStores, heraldClientContext, heraldStoresContext, type HeraldClient, type HeraldStores } from '@herald/client';
import { AdminApi } from '../api/admin-api.js';
import type { Department } from '../api/types.js';
import { createMockBackend, type MockBackendOptions } from './mock-backend.js';

export async function mountWith<T extends HTMLElement>(template: TemplateResult, client: HeraldClient): Promise<{ el: T; client: HeraldClient; stores: HeraldStores }> {
  const stores = createStores(client);
  await stores.session.load();
  const wrapper = document.createElement('div');
  new ContextProvider(wrapper, { context: heraldStoresContext, initialValue: stores });
  new ContextProvider(wrapper, { context: heraldClientContext, initialValue: client });
  render(template, wrapper);
  await fixture(wrapper);
  const el = wrapper.firstElementChild as T & { updateComplete?: Promise<boolean> };
  await el.updateComplete;
  return { el, client, stores };
}

/** Mounts against the in-memory back office (the contract's shapes). */
export async function mountMock<T extends HTMLElement>(template: TemplateResult, options: MockBackendOptions = {}) {
  const backend = createMockBackend(options);
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch() });
  return { ...(await mountWith<T>(template, client)), backend };
}

/** Polls until `check` is truthy. */
export const until = async (check: () => unknown, ms = 4000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

export const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E & Element>(selector) as E;
export const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<E & Element>(selector)] as E[];

/** Sets an input's value as typing would. */
export function fill(input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
}

interface TestServerInfo {
  url: string | null;
  orgAdminLogin?: string;
  orgAdminPassword?: string;
}

/**
 * Mounts against the real Herald test server (proxied at /api/ by the wtr config), signed in as its organisation
 * admin `wtr-admin`. Resolves to null when there is no such server (the caller skips).
 */
export async function mountReal<T extends HTMLElement>(template: TemplateResult) {
  const info = (await (await fetch('/__herald-test-server.json')).json()) as TestServerInfo;
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
export async function realDepartmentAdmin(): Promise<{ client: HeraldClient; root: Department; child: Department } | null> {
  const info = (await (await fetch('/__herald-test-server.json')).json()) as TestServerInfo;
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

/** Signs in after ending the page's current session, if any (a cookie session refuses writes without its CSRF token). */
async function signInFresh(client: HeraldClient, login: string, password: string): Promise<void> {
  try {
    await client.me();
    await client.signOut();
  } catch {
    // nobody was signed in
  }
  await client.signIn(login, password);
}
