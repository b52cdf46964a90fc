// Issue 16: the import tab's rows load through @lit/task. Toggling "Errors only" aborts the rows load still running;
// its late answer (held by the test, no timing) released after the newer one has rendered does not replace it.
import { expect, html } from '@open-wc/testing';
import { createHeraldClient } from '@herald/client';
import { fetchGate, settled } from '@herald/client/testing/fetch-gate';
import { createMockBackend } from '../testing/mock-backend.js';
import { $, $$, mountWith, until } from '../testing/mount.js';
import type { HeraldAdminImport } from './import.js';
import './define.js';

describe('<herald-admin-import> rows load (issue 16, @lit/task)', () => {
  it('an older rows load answered after a newer one has rendered does not overwrite it, and was aborted', async () => {
    let holding = false;
    const backend = createMockBackend({ pendingImport: true });
    const all = (url: URL) => url.pathname.endsWith('/rows') && url.searchParams.get('errors') === 'all';
    const gate = fetchGate(backend.fetch(), (url) => holding && all(url), { ignoreAbort: true });
    const client = createHeraldClient({ baseUrl: location.origin, fetch: gate.fetch });
    const { el } = await mountWith<HeraldAdminImport>(
      html`<herald-admin-import batch="i-demo"></herald-admin-import>`,
      client,
    );
    await until(() => $$(el, '[part="row"]').length === 1); // errors only: the one row with errors
    const errorsOnly = () => $<HTMLInputElement>(el, 'input[type="checkbox"]');
    holding = true;
    errorsOnly().click(); // all rows: answered with both rows, but held
    await until(() => gate.held.length === 1);
    for (const row of backend.batch!.rows) row.errors = []; // meanwhile the errors are fixed elsewhere
    errorsOnly().click(); // errors only again: answers at once, with none
    await until(() => $$(el, '[part="row"]').length === 0);
    expect(gate.held[0]!.signal?.aborted, 'the superseded rows load was aborted').to.equal(true);
    await gate.held[0]!.release();
    await settled();
    await el.updateComplete;
    expect($$(el, '[part="row"]').length, 'the older answer does not come back').to.equal(0);
    expect($(el, '[part="alert"]').textContent!.trim(), 'an abort is no problem to report').to.equal('');
  });
});
