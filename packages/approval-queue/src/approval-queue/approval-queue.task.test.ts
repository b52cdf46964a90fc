// Issue 16: the queue's loads go through @lit/task — ordered and abortable. Requests are held and released by the
// test (no timing): a slow older load released after a newer one has rendered must not overwrite it.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { fetchGate, settled } from '@herald/client/testing/fetch-gate';
import { $, $$, mountWith, until } from '@herald/client/testing/mount';
import { mockApprovals } from '../testing/mock.js';
import type { HeraldApprovalQueue } from './approval-queue.js';
import './define.js';

const items = (el: Element) => $$(el, '[part=item] .open').map((b) => b.textContent!.trim());

async function mountGated(hold: (url: URL) => boolean, ignoreAbort = false) {
  let gate!: ReturnType<typeof fetchGate>;
  const mock = mockApprovals({ wrapFetch: (fetch) => (gate = fetchGate(fetch, hold, { ignoreAbort })).fetch });
  const { el } = await mountWith<HeraldApprovalQueue>(
    html`<herald-approval-queue locale="en"></herald-approval-queue>`,
    mock.client,
  );
  return { el, held: gate.held, lists: mock.lists };
}

describe('<herald-approval-queue> loads (issue 16, @lit/task)', () => {
  it('a slow older detail answered after a newer one does not replace it, and was aborted', async () => {
    const { el, held } = await mountGated((url) => url.pathname.endsWith('/approvals/ap1'), true);
    await until(() => items(el).length === 3);
    $(el, '[data-id=ap1] .open').click();
    await until(() => held.length === 1); // ap1's detail is on its way and stays there
    $(el, '#back').click();
    await el.updateComplete;
    $(el, '[data-id=ap2] .open').click();
    await until(() => $(el, '#detail-subject')?.textContent === '年度合同续签');
    expect(held[0]!.signal?.aborted, 'the superseded load was aborted').to.equal(true);
    await held[0]!.release(); // the server answers the old request late …
    await settled();
    await el.updateComplete;
    expect($(el, '#detail-subject').textContent, '… and the newer request stays').to.equal('年度合同续签');
    expect($(el, '#detail-error'), 'an abort is no problem to report').to.equal(null);
  });

  it('a slow older list load (a live refresh) answered after a newer one does not overwrite it', async () => {
    let holdNext = false;
    const { el, held, lists } = await mountGated(
      (url) => url.pathname.endsWith('/approvals') && holdNext && !(holdNext = false),
      true,
    );
    await until(() => items(el).length === 3);
    holdNext = true;
    void el.refresh(); // older: answered with the three requests, but slow to arrive
    await until(() => held.length === 1);
    lists.todo = lists.todo.filter((a) => a.id !== 'ap3'); // meanwhile ap3 is withdrawn elsewhere …
    void el.refresh(); // … and the newer refresh answers at once
    await until(() => items(el).length === 2);
    expect(held[0]!.signal?.aborted, 'the superseded load was aborted').to.equal(true);
    await held[0]!.release();
    await settled();
    await el.updateComplete;
    expect(items(el), 'the older answer does not bring ap3 back').to.deep.equal(['Quote for ap1', '年度合同续签']);
  });

  it('switching tabs aborts the tab left behind; coming back loads it again', async () => {
    let holding = true;
    const { el, held } = await mountGated((url) => holding && url.searchParams.get('tab') === 'done');
    await until(() => items(el).length === 3);
    $(el, '#tab-done').click();
    await until(
      () => held.length === 1 && $(el, '[role=tabpanel] p[role=status]')?.textContent === 'Loading approvals…',
    );
    $(el, '#tab-mine').click();
    await until(() => items(el).length === 2);
    expect(held[0]!.signal?.aborted, 'leaving "Decided by me" aborted its load').to.equal(true);
    holding = false;
    $(el, '#tab-done').click();
    await until(() => items(el)[0] === 'Invoice reminder');
  });

  it('leaving the page aborts the open request’s load; coming back loads it', async () => {
    let holding = true;
    const { el, held } = await mountGated((url) => holding && url.pathname.endsWith('/approvals/ap1'));
    await until(() => items(el).length === 3);
    $(el, '[data-id=ap1] .open').click();
    await until(() => held.length === 1);
    const parent = el.parentElement!;
    el.remove();
    expect(held[0]!.signal?.aborted).to.equal(true);
    holding = false;
    parent.append(el);
    await until(() => $(el, '#detail-subject')?.textContent === 'Quote for ap1');
  });
});
