// Issue 16: the flow editor loads through @lit/task — ordered and abortable. Requests are held and released by the
// test (no timing): a slow older load released after a newer one has rendered must not overwrite it.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { fetchGate, settled } from '@herald/client/testing/fetch-gate';
import { $, $$, mountWith, until } from '@herald/client/testing/mount';
import { mockApprovals } from '../testing/mock.js';
import type { HeraldApprovalFlows } from './flow-editor.js';
import './define.js';

const names = (el: Element) => $$(el, '[part=flow] .name').map((n) => n.textContent);

async function mountGated(hold: (url: URL) => boolean, ignoreAbort = false) {
  let gate!: ReturnType<typeof fetchGate>;
  const mock = mockApprovals({
    permissions: ['approval.admin'],
    wrapFetch: (fetch) => (gate = fetchGate(fetch, hold, { ignoreAbort })).fetch,
  });
  const { el } = await mountWith<HeraldApprovalFlows>(
    html`<herald-approval-flows locale="en"></herald-approval-flows>`,
    mock.client,
  );
  return { el, held: gate.held, flows: mock.flows };
}

describe('<herald-approval-flows> load (issue 16, @lit/task)', () => {
  it('a slow older load answered after a newer one has rendered does not overwrite it, and was aborted', async () => {
    let holding = true;
    const { el, held, flows } = await mountGated((url) => holding && url.pathname.endsWith('/approval-flows'), true);
    await until(() => held.length === 1); // the first load holds the two sample flows
    holding = false;
    flows.push({ ...flows[0]!, id: 'f9', name: 'Contracts', position: 2 });
    void el.refresh();
    await until(() => names(el).includes('Contracts'));
    expect(held[0]!.signal?.aborted, 'the superseded load was aborted').to.equal(true);
    await held[0]!.release();
    await settled();
    await el.updateComplete;
    expect(names(el), 'the older answer does not come back').to.deep.equal([
      'External messages',
      'Urgent broadcasts',
      'Contracts',
    ]);
    expect($(el, '[part=alert]').textContent!.trim(), 'an abort is no problem to report').to.equal('');
  });

  it('leaving aborts the load still running; coming back loads the flows', async () => {
    let holding = true;
    const { el, held } = await mountGated((url) => holding && url.pathname.endsWith('/approval-flows'));
    await until(() => held.length === 1);
    const parent = el.parentNode!;
    el.remove();
    expect(held[0]!.signal?.aborted, 'leaving aborted the load').to.equal(true);
    holding = false;
    parent.appendChild(el);
    await until(() => names(el).length === 2);
    expect($(el, '#no-flows')).to.equal(null);
    expect($(el, '[part=alert]').textContent!.trim(), 'an abort is no problem to report').to.equal('');
  });
});
