// Issue 16: the group entry picker searches through @lit/task. A slow older search (held by the test, no timing)
// answered after a newer one has rendered does not replace the newer candidates.
import { expect, html } from '@open-wc/testing';
import { createHeraldClient } from '@herald/client';
import { fetchGate, settled } from '@herald/client/testing/fetch-gate';
import { createMockBackend } from '../testing/mock-backend.js';
import { $, $$, fill, mountWith, until } from '../testing/mount.js';
import type { HeraldAdminGroups } from './groups.js';
import './define.js';

const candidates = (el: Element) => $$(el, '#g-results li').map((li) => li.textContent!.trim());

describe('<herald-admin-groups> picker (issue 16, @lit/task)', () => {
  it('a slow older search answered after a newer one does not replace its candidates, and was aborted', async () => {
    const backend = createMockBackend();
    const older = (url: URL) => url.pathname.endsWith('/members') && url.searchParams.get('q') === 'lisi';
    const gate = fetchGate(backend.fetch(), older, { ignoreAbort: true });
    const client = createHeraldClient({ baseUrl: location.origin, fetch: gate.fetch });
    const { el } = await mountWith<HeraldAdminGroups>(html`<herald-admin-groups></herald-admin-groups>`, client);
    await until(() => $$(el, '[part="row"]').length === 2);
    $<HTMLButtonElement>(el, '#new-group').click();
    await until(() => $(el, '#g-pick'));
    fill($(el, '#g-pick'), 'lisi');
    await until(() => gate.held.length === 1);
    fill($(el, '#g-pick'), 'zhangsan');
    await until(() => candidates(el).some((c) => c.includes('张三')));
    expect(gate.held[0]!.signal?.aborted, 'the superseded search was aborted').to.equal(true);
    await gate.held[0]!.release();
    await settled();
    await el.updateComplete;
    expect(
      candidates(el).some((c) => c.includes('李四')),
      'the older answer does not come back',
    ).to.equal(false);
    expect(candidates(el).some((c) => c.includes('张三'))).to.equal(true);
  });
});
