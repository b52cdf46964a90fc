// Issue 16: the organisation tab loads its tree and positions through @lit/task. The order answers arrive in is set by
// holding requests (no timing): a slow older load released after a newer one has rendered must not overwrite it.
import { expect, html } from '@open-wc/testing';
import { createHeraldClient } from '@herald/client';
import { fetchGate, refusing, settled } from '@herald/client/testing/fetch-gate';
import { createMockBackend } from '../testing/mock-backend.js';
import { $, $$, mountWith, until } from '../testing/mount.js';
import type { HeraldAdminOrg } from './org.js';
import './define.js';

const names = (el: Element) => $$(el, '[role="treeitem"] .name').map((n) => n.textContent!.trim());

async function mountGated(hold: () => boolean, ignoreAbort = false) {
  const backend = createMockBackend();
  const gate = fetchGate(backend.fetch(), (url) => url.pathname.endsWith('/departments') && hold(), { ignoreAbort });
  const client = createHeraldClient({ baseUrl: location.origin, fetch: gate.fetch });
  const { el } = await mountWith<HeraldAdminOrg>(html`<herald-admin-org></herald-admin-org>`, client);
  return { el, backend, held: gate.held };
}

/** A new department under the head office, as another admin would have created it meanwhile. */
const addLegal = (backend: ReturnType<typeof createMockBackend>) =>
  backend.departments.push({ ...backend.departments[3]!, id: 'd9', name: '法务部', path: '/d1/d9/', sortOrder: 9 });

describe('<herald-admin-org> load (issue 16, @lit/task)', () => {
  it('an older load answered after a newer one has rendered does not overwrite it, and was aborted', async () => {
    let holding = true;
    const { el, backend, held } = await mountGated(() => holding, true);
    await until(() => held.length === 1); // the first load holds the tree without 法务部
    expect($(el, '[role="tree"]'), 'no tree before the first answer').to.equal(null);
    holding = false;
    addLegal(backend);
    void el.refresh();
    await until(() => names(el).includes('法务部'));
    expect(held[0]!.signal?.aborted, 'the superseded load was aborted').to.equal(true);
    await held[0]!.release(); // the server answers the old load late …
    await settled();
    await el.updateComplete;
    expect(names(el), '… and the newer tree stays').to.include('法务部');
    expect($(el, '[part="alert"]').textContent!.trim(), 'an abort is no problem to report').to.equal('');
  });

  it('leaving the tab aborts its load; coming back loads again', async () => {
    let holding = true;
    const { el, backend, held } = await mountGated(() => holding);
    await until(() => held.length === 1);
    const parent = el.parentElement!;
    el.remove();
    expect(held[0]!.signal?.aborted, 'leaving aborted the load').to.equal(true);
    holding = false;
    addLegal(backend);
    parent.append(el);
    await until(() => names(el).includes('法务部'));
    expect($(el, '[part="alert"]').textContent!.trim()).to.equal('');
  });

  it('a failed load says its problem in the alert region', async () => {
    const backend = createMockBackend();
    const failing = refusing(backend.fetch(), '/positions');
    const client = createHeraldClient({ baseUrl: location.origin, fetch: failing });
    const { el } = await mountWith<HeraldAdminOrg>(html`<herald-admin-org></herald-admin-org>`, client);
    await until(() => $(el, '[part="alert"]').textContent!.trim() !== '');
    expect($(el, '[part="alert"]').textContent!.trim()).to.equal('You are not allowed to do this.');
  });
});
