import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { $, $$, fill, mountWith, until } from '@herald/client/testing/mount';
import { problemResponse } from '@herald/client/test-helpers';
import { mockApprovals, type MockOptions } from '../testing/mock.js';
import type { HeraldApprovalFlows } from './flow-editor.js';
import './define.js';

async function mountFlows(options: MockOptions = {}, locale = 'en') {
  const mock = mockApprovals({ permissions: ['approval.admin'], ...options });
  const { el } = await mountWith<HeraldApprovalFlows>(
    html`<herald-approval-flows locale=${locale}></herald-approval-flows>`,
    mock.client,
  );
  await until(() => $$(el, '[part=flow]').length || $(el, '#no-flows'), 4000, 'the flows');
  return { el, ...mock };
}
const names = (el: Element) => $$(el, '[part=flow] .name').map((n) => n.textContent);

describe('<herald-approval-flows>', () => {
  it('R5: lists the flows in order and reorders them with Move down (PUT /approval-flows/order)', async () => {
    const { el, calls } = await mountFlows();
    const order: string[][] = [];
    el.addEventListener('herald-flow-reorder', (e) => order.push(e.detail.ids));
    expect(names(el)).to.deep.equal(['External messages', 'Urgent broadcasts']);
    $<HTMLButtonElement>(el, '[data-id=f1] .down').click();
    await until(() => names(el)[0] === 'Urgent broadcasts', 4000, 'reordered');
    expect(calls.find((c) => c.method === 'PUT')!.body).to.deep.equal({ ids: ['f2', 'f1'] });
    expect(order).to.deep.equal([['f2', 'f1']]);
  });

  it('issue 16: a confirmed delete asks first (cancelable herald-flow-delete-request), then deletes', async () => {
    const { el, calls } = await mountFlows();
    const asked: { id: string; name: string }[] = [];
    const deleted: string[][] = [];
    el.addEventListener(
      'herald-flow-delete-request',
      (e) => {
        e.preventDefault();
        asked.push(e.detail);
      },
      { once: true },
    );
    el.addEventListener('herald-flow-delete', (e) => deleted.push(e.detail.ids));
    const remove = () => $<HTMLButtonElement>(el, '[data-id=f1] .delete');
    remove().click();
    await el.updateComplete;
    remove().click(); // the second press confirms; the host cancels it
    expect(asked).to.deep.equal([{ id: 'f1', name: 'External messages' }]);
    await el.updateComplete;
    remove().click();
    await el.updateComplete;
    remove().click();
    await until(() => names(el).length === 1, 4000, 'deleted');
    expect(calls.filter((c) => c.method === 'DELETE')).to.have.length(1);
    expect(deleted).to.deep.equal([['f1']]);
  });

  it('R5: a step without approvers (and a flow without a name) is refused before sending', async () => {
    const { el, calls } = await mountFlows();
    $(el, '#new-flow').click();
    await until(() => $(el, '#flow-name'), 4000, 'form');
    $(el, '#save').click();
    await el.updateComplete;
    expect($(el, '#flow-name-error').textContent).to.equal('Give the flow a name.');
    expect($(el, '#node-0-rule-error').textContent).to.equal('Choose who approves this step.');
    expect($(el, '#node-0-name-error').textContent).to.equal('Give the step a name.');
    expect(el.shadowRoot!.activeElement?.id).to.equal('flow-name');
    fill($(el, '#node-0-rule'), 'members');
    fill($(el, '#flow-name'), 'Legal review');
    fill($(el, '#node-0-name'), 'Legal');
    $(el, '#save').click();
    await el.updateComplete;
    // the step approves by members, but none are chosen
    expect($(el, '#node-0-rule-error').textContent).to.equal('Choose who approves this step.');
    expect(calls.filter((c) => c.method === 'POST')).to.have.length(0);
  });

  it(
    "issue 16: a step's approver error is read with its select, through core's field (no dangling " + 'reference)',
    async () => {
      const { el } = await mountFlows();
      $(el, '#new-flow').click();
      await until(() => $(el, '#node-0-rule'), 4000, 'form');
      const rule = $(el, '#node-0-rule');
      // Before: the select always named a `node-0-approvers-error` that did not exist until there was an error.
      expect(rule.hasAttribute('aria-describedby'), 'nothing to read while valid').to.equal(false);
      expect(rule.getAttribute('aria-invalid')).to.equal('false');
      $(el, '#save').click();
      await until(() => $(el, '#node-0-rule-error'), 4000, 'field error');
      expect(rule.getAttribute('aria-invalid')).to.equal('true');
      const described = rule.getAttribute('aria-describedby')!;
      expect(described).to.equal('node-0-rule-error');
      expect(el.shadowRoot!.getElementById(described)!.textContent).to.equal('Choose who approves this step.');
      expect(rule.closest('.field')!.querySelector('label')!.htmlFor, 'labelled as before').to.equal('node-0-rule');
      fill(rule as HTMLSelectElement, 'department-head-up');
      await until(() => $(el, '#node-0-levels'), 4000, 'levels');
      const levels = $<HTMLInputElement>(el, '#node-0-levels');
      expect(levels.labels?.[0]?.textContent).to.equal('Levels up');
    },
  );

  it('R5: creates a flow with conditions, a member step and a role step', async function () {
    const { el, calls } = await mountFlows();
    const created: string[][] = [];
    el.addEventListener('herald-flow-create', (e) => created.push(e.detail.ids));
    $(el, '#new-flow').click();
    await until(() => $$(el, '#department option').length === 3, 4000, 'departments');
    fill($(el, '#flow-name'), 'Legal review');
    $<HTMLInputElement>(el, 'input[name=kind][value=external]').click();
    fill($(el, '#department'), 'd1');
    $<HTMLInputElement>(el, '#attachments').click();
    fill($(el, '#node-0-name'), 'Legal');
    fill($(el, '#node-0-rule'), 'members');
    await el.updateComplete;
    fill($(el, '#node-0-members'), 'Wang');
    await until(() => $(el, '.add-member'), 4000, 'search results');
    $(el, '.add-member').click();
    $(el, '#add-node').click();
    await el.updateComplete;
    fill($(el, '#node-1-name'), 'Communications');
    fill($(el, '#node-1-rule'), 'role');
    await el.updateComplete;
    fill($(el, '#node-1-role'), 'r1');
    $<HTMLInputElement>(el, '#node-1-in-dept').click();
    fill($(el, '#node-1-method'), 'all');
    $<HTMLInputElement>(el, 'input[name=self][value=forbid]').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    $(el, '#save').click();
    await until(() => names(el).includes('Legal review'), 4000, 'saved').catch((e) => {
      throw new Error(
        `${e.message}: ${$(el, '[role=alert]').textContent} ${$$(el, 'span.field-error').map(
          (x) => x.id + x.textContent,
        )}`,
      );
    });
    expect(calls.find((c) => c.method === 'POST' && c.url.endsWith('/approval-flows'))!.body).to.deep.equal({
      name: 'Legal review',
      enabled: true,
      selfApproval: 'forbid',
      conditions: { kinds: ['external'], senderDepartmentId: 'd1', hasAttachments: true },
      nodes: [
        { name: 'Legal', approvers: { kind: 'members', memberIds: ['m3'] }, method: 'any', cc: [] },
        {
          name: 'Communications',
          approvers: { kind: 'role', roleId: 'r1', inSenderDepartment: true },
          method: 'all',
          cc: [],
        },
      ],
    });
    expect(created).to.have.length(1);
    expect($(el, '[role=status]').textContent).to.equal('Flow saved.');
  });

  it("R5: the server's field errors show at their fields", async () => {
    const { el } = await mountFlows({
      routes: {
        'POST /approval-flows': () =>
          problemResponse(400, 'validation', {
            errors: [{ path: 'nodes.0.approvers.memberIds.0', code: 'unknown-member', message: 'No such member' }],
          }),
      },
    });
    $(el, '#new-flow').click();
    await until(() => $(el, '#flow-name'), 4000, 'form');
    fill($(el, '#flow-name'), 'X');
    fill($(el, '#node-0-name'), 'Head');
    fill($(el, '#node-0-rule'), 'department-head');
    await el.updateComplete;
    $(el, '#save').click();
    await until(() => $(el, '#node-0-rule-error'), 4000, 'field error');
    expect($(el, '#node-0-rule-error').textContent).to.not.be.empty;
    expect($(el, '#node-0-rule').getAttribute('aria-invalid')).to.equal('true');
  });

  it('R14: accessible in English and Chinese, list and form', async function () {
    const { el } = await mountFlows();
    await expect(el).to.be.accessible();
    const zh = await mountFlows({}, 'zh-CN');
    expect($(zh.el, '#new-flow').textContent).to.equal('新建流程');
    await expect(zh.el).to.be.accessible();
    $(zh.el, '#new-flow').click();
    await until(() => $(zh.el, '#flow-name'), 4000, 'form');
    await expect(zh.el).to.be.accessible();
  });
});
