// Issue 16: the member search goes through @lit/task — ordered and abortable. The order answers arrive in is set by
// holding requests (no timing): a slow older search released after a newer one has rendered must not overwrite it.
import { expect, html } from '@open-wc/testing';
import { createHeraldClient } from '@herald/client';
import { fetchGate, settled } from '@herald/client/testing/fetch-gate';
import { createMockBackend } from '../testing/mock-backend.js';
import { $, $$, fill, mountWith, until } from '../testing/mount.js';
import type { HeraldAdminMembers } from './members.js';
import './define.js';

const names = (el: Element) => $$(el, '[part="row"]').map((r) => r.querySelectorAll('td')[1]!.textContent!.trim());

async function mountGated(hold: (q: string) => boolean, ignoreAbort = false) {
  const backend = createMockBackend();
  const members = (url: URL) => url.pathname.endsWith('/members') && hold(url.searchParams.get('q') ?? '');
  const gate = fetchGate(backend.fetch(), members, { ignoreAbort });
  const client = createHeraldClient({ baseUrl: location.origin, fetch: gate.fetch });
  const { el } = await mountWith<HeraldAdminMembers>(html`<herald-admin-members></herald-admin-members>`, client);
  return { el, held: gate.held };
}

describe('<herald-admin-members> loads (issue 16, @lit/task)', () => {
  it('a slow older search answered after a newer one does not overwrite it, and was aborted', async () => {
    const { el, held } = await mountGated((q) => q === '李四', true);
    await until(() => names(el).length === 8);
    fill($(el, '#q'), '李四');
    await until(() => held.length === 1); // the older search is on its way and stays there
    fill($(el, '#q'), '张三');
    await until(() => names(el).join() === '张三');
    expect(held[0]!.signal?.aborted, 'the superseded search was aborted').to.equal(true);
    await held[0]!.release(); // the server answers the old search late …
    await settled();
    await el.updateComplete;
    expect(names(el), '… and the newer answer stays').to.deep.equal(['张三']);
    expect($(el, '[part="alert"]').textContent!.trim(), 'an abort is no problem to report').to.equal('');
  });

  it('keeps the last answer on screen (marked busy) while a newer search runs', async () => {
    const { el, held } = await mountGated((q) => q === '王五');
    await until(() => names(el).length === 8);
    fill($(el, '#q'), '王五');
    await until(() => held.length === 1 && $(el, '[part="table"]').getAttribute('aria-busy') === 'true');
    expect(names(el)).to.have.length(8);
    await held[0]!.release();
    await until(() => names(el).join() === '王五');
    expect($(el, '[part="table"]').getAttribute('aria-busy')).to.equal('false');
  });

  it('leaving the tab aborts its load; coming back loads again', async () => {
    let holding = true;
    const { el, held } = await mountGated((q) => holding && q === '李四');
    await until(() => names(el).length === 8);
    fill($(el, '#q'), '李四');
    await until(() => held.length === 1);
    const parent = el.parentElement!;
    el.remove();
    expect(held[0]!.signal?.aborted, 'leaving aborted the load').to.equal(true);
    holding = false;
    parent.append(el);
    await until(() => names(el).join() === '李四');
  });
});

// Issue 16: the reference lists (departments, positions, roles) the filters and the form pick from load through
// @lit/task too.
describe('<herald-admin-members> reference lists (issue 16, @lit/task)', () => {
  const departmentOptions = (el: Element) => $$(el, '#department option').map((o) => o.textContent!.trim());

  async function mountHoldingDepartments(hold: () => boolean, ignoreAbort = false) {
    const backend = createMockBackend();
    const gate = fetchGate(backend.fetch(), (url) => url.pathname.endsWith('/departments') && hold(), { ignoreAbort });
    const client = createHeraldClient({ baseUrl: location.origin, fetch: gate.fetch });
    const { el } = await mountWith<HeraldAdminMembers>(html`<herald-admin-members></herald-admin-members>`, client);
    const addLegal = () =>
      backend.departments.push({ ...backend.departments[3]!, id: 'd9', name: '法务部', path: '/d1/d9/', sortOrder: 9 });
    return { el, held: gate.held, addLegal };
  }

  it('an older load answered after a newer one has rendered does not overwrite it, and was aborted', async () => {
    let holding = true;
    const { el, held, addLegal } = await mountHoldingDepartments(() => holding, true);
    await until(() => held.length === 1 && names(el).length === 8); // the list does not wait for the departments
    holding = false;
    addLegal();
    void el.refresh();
    await until(() => departmentOptions(el).some((o) => o.endsWith('法务部')));
    expect(held[0]!.signal?.aborted, 'the superseded load was aborted').to.equal(true);
    await held[0]!.release(); // the old answer, without 法务部, arrives late …
    await settled();
    await el.updateComplete;
    expect(
      departmentOptions(el).some((o) => o.endsWith('法务部')),
      '… and the newer lists stay',
    ).to.equal(true);
    expect($(el, '[part="alert"]').textContent!.trim(), 'an abort is no problem to report').to.equal('');
  });

  it('leaving the tab aborts the load; coming back loads the lists again', async () => {
    let holding = true;
    const { el, held, addLegal } = await mountHoldingDepartments(() => holding);
    await until(() => held.length === 1);
    const parent = el.parentElement!;
    el.remove();
    expect(held[0]!.signal?.aborted, 'leaving aborted the load').to.equal(true);
    holding = false;
    addLegal();
    parent.append(el);
    await until(() => departmentOptions(el).some((o) => o.endsWith('法务部')));
    expect($(el, '[part="alert"]').textContent!.trim()).to.equal('');
  });
});
