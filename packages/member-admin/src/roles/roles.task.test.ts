// Issue 16: the roles tab loads through @lit/task. A slow older load (held by the test, no timing) answered after a
// newer one has rendered does not bring the older list back; a failed load says its problem in words.
import { expect, html } from '@open-wc/testing';
import { createHeraldClient } from '@herald/client';
import { fetchGate, refusing, settled } from '@herald/client/testing/fetch-gate';
import { createMockBackend } from '../testing/mock-backend.js';
import { $, $$, mountWith, until } from '../testing/mount.js';
import type { HeraldAdminRoles } from './roles.js';
import './define.js';

const names = (el: Element) => $$(el, '[part="row"] th').map((th) => th.textContent!.trim());

describe('<herald-admin-roles> load (issue 16, @lit/task)', () => {
  it('an older load answered after a newer one has rendered does not overwrite it, and was aborted', async () => {
    let holding = true;
    const backend = createMockBackend();
    const gate = fetchGate(backend.fetch(), (url) => holding && url.pathname.endsWith('/roles'), { ignoreAbort: true });
    const client = createHeraldClient({ baseUrl: location.origin, fetch: gate.fetch });
    const { el } = await mountWith<HeraldAdminRoles>(html`<herald-admin-roles></herald-admin-roles>`, client);
    await until(() => gate.held.length === 1); // the first load holds the six built-in roles
    holding = false;
    backend.roles.push({ id: 'r-new', builtinKey: null, name: '公告发布员', permissions: [], memberCount: 0 });
    void el.refresh();
    await until(() => names(el).includes('公告发布员'));
    expect(gate.held[0]!.signal?.aborted, 'the superseded load was aborted').to.equal(true);
    await gate.held[0]!.release();
    await settled();
    await el.updateComplete;
    expect(names(el), 'the older answer does not come back').to.include('公告发布员');
    expect($$(el, '[part="row"]').length).to.equal(7);
    expect($(el, '[part="alert"]').textContent!.trim(), 'an abort is no problem to report').to.equal('');
  });

  it('a failed load says its problem in the alert region', async () => {
    const backend = createMockBackend();
    const failing = refusing(backend.fetch(), '/roles');
    const client = createHeraldClient({ baseUrl: location.origin, fetch: failing });
    const { el } = await mountWith<HeraldAdminRoles>(html`<herald-admin-roles></herald-admin-roles>`, client);
    await until(() => $(el, '[part="alert"]').textContent!.trim() !== '');
    expect($(el, '[part="alert"]').textContent!.trim()).to.equal('You are not allowed to do this.');
  });
});
