import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { panelSuite } from '@herald/client/panel-suite';
import { $, $$, fill, mountWith, until } from '@herald/client/testing/mount';
import { sendKeys } from '@herald/client/testing/keys';
import type { HeraldRichTextEditor } from '@herald/rich-text-editor';
import { mockApprovals, type MockOptions } from '../testing/mock.js';
import { approval } from '../testing/fixtures.js';
import type { HeraldApprovalQueue } from './approval-queue.js';
import './define.js';

panelSuite('herald-approval-queue', { title: 'Approvals', titleZh: '审批', empty: 'Nothing waiting for approval.' });

async function mountQueue(options: MockOptions = {}, locale = 'en') {
  const mock = mockApprovals(options);
  const { el } = await mountWith<HeraldApprovalQueue>(
    html`<herald-approval-queue locale=${locale}></herald-approval-queue>`,
    mock.client,
  );
  await until(() => $$(el, '[part=item]').length, 4000, 'the list');
  return { el, mock, ...mock };
}
const tabs = (el: Element) => $$(el, '[role=tab]').map((t) => t.textContent!.trim());
const items = (el: Element) => $$(el, '[part=item] .open').map((b) => b.textContent!.trim());
const posted = (calls: { method: string; url: string; body?: unknown }[], path: string) =>
  calls.filter((c) => c.method === 'POST' && c.url.endsWith(path));

describe('<herald-approval-queue>', () => {
  it(
    'R5/R10: "To approve" lists my pending requests with its count; "Decided by me" and "My requests" load their ' +
      'tabs',
    async () => {
      const { el, calls } = await mountQueue();
      expect(tabs(el)).to.deep.equal(['To approve (3)', 'Decided by me', 'My requests']);
      expect(items(el)).to.deep.equal(['Quote for ap1', '年度合同续签', 'Sample for review']);
      $(el, '#tab-done').click();
      await until(() => items(el)[0] === 'Invoice reminder', 4000, 'done tab');
      $(el, '#tab-mine').click();
      await until(() => items(el).length === 2, 4000, 'mine tab');
      expect(items(el)).to.deep.equal(['Price list for a new customer', 'Discount offer']);
      expect($$(el, '[part=item] .badge').map((b) => b.textContent)).to.deep.equal(['Stuck', 'Rejected']);
      expect(
        calls.filter((c) => c.url.includes('/approvals?')).map((c) => new URL(c.url).searchParams.get('tab')),
      ).to.include.members(['todo', 'done', 'mine']);
    },
  );

  it('R5: tabs move with the arrow keys; "Flows" only with approval.admin', async () => {
    const { el } = await mountQueue();
    $(el, '#tab-todo').focus();
    $(el, '[role=tablist]').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await el.updateComplete;
    expect(el.tab).to.equal('done');
    expect(el.shadowRoot!.activeElement?.id).to.equal('tab-done');
    expect($(el, '#tab-flows')).to.not.exist;
    const admin = await mountQueue({ permissions: ['approval.admin'] });
    expect(tabs(admin.el)).to.include('Flows');
  });

  it(
    'R5/R14: the detail shows the message as recipients will see it, the reasons, the timeline and history; approve ' +
      'with a comment',
    async () => {
      const { el, calls } = await mountQueue();
      const fired: string[] = [];
      el.addEventListener('herald-approval-decide', (e) => fired.push(`${e.detail.decision}:${e.detail.ids}`));
      $(el, '[data-id=ap1] .open').click();
      await until(() => $(el, '#detail-subject'), 4000, 'detail');
      expect($(el, '#detail-subject').textContent).to.equal('Quote for ap1');
      expect($(el, '[part=message-body] strong').textContent).to.equal('the revised quote is attached.');
      expect($(el, '[part=attachments]').textContent).to.contain('quote.pdf');
      expect($(el, '#recipients').textContent).to.contain('Acme Ltd — Jane Roe: 1');
      expect($$(el, '#reasons li').map((l) => l.textContent)).to.deep.equal([
        'The message is external',
        'It has external recipients',
      ]);
      expect($$(el, '[part=timeline] .node strong').map((s) => s.textContent)).to.deep.equal([
        'Step 1: Department head',
        'Step 2: Legal',
      ]);
      expect($(el, '[part=history]').textContent).to.contain('Round 1: submitted');
      fill($(el, '#comment'), 'Looks good');
      $(el, '#approve').click();
      await until(() => $(el, '#action-status').textContent === 'Approved.', 4000, 'approved');
      expect(posted(calls, '/approvals/ap1/decision')[0]!.body).to.deep.equal({
        decision: 'approve',
        comment: 'Looks good',
      });
      expect($(el, '[part=timeline] [data-decision=approved]').textContent).to.contain('Looks good');
      expect(fired).to.deep.equal(['approve:ap1']);
      expect($(el, '#approve')).to.not.exist;
    },
  );

  it('R14: Escape goes back from the detail to the list, focus on the request it came from', async () => {
    const { el } = await mountQueue();
    $(el, '[data-id=ap2] .open').click();
    await until(() => $(el, '#back'), 4000, 'detail');
    $(el, '#back').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await until(() => el.shadowRoot!.activeElement?.closest('[part=item]'), 4000, 'focus back on the list');
    expect(el.shadowRoot!.activeElement!.closest('[part=item]')!.getAttribute('data-id')).to.equal('ap2');
  });

  it('R5: rejecting needs a comment — refused without one, sent with one', async () => {
    const { el, calls } = await mountQueue();
    $(el, '[data-id=ap2] .open').click();
    await until(() => $(el, '#reject'), 4000, 'detail');
    $(el, '#reject').click();
    await el.updateComplete;
    expect($(el, '#comment-error').textContent).to.equal('Write a comment to say why you reject it.');
    expect($(el, '#comment').getAttribute('aria-invalid')).to.equal('true');
    expect(posted(calls, '/approvals/ap2/decision')).to.have.length(0);
    fill($(el, '#comment'), 'Wrong price');
    $(el, '#reject').click();
    await until(() => $(el, '#action-status').textContent === 'Rejected.', 4000, 'rejected');
    expect(posted(calls, '/approvals/ap2/decision')[0]!.body).to.deep.equal({
      decision: 'reject',
      comment: 'Wrong price',
    });
  });

  it('R5: a 409 (someone else decided first) is shown and the request reloaded', async () => {
    const { el, calls } = await mountQueue({ conflict: true });
    $(el, '[data-id=ap1] .open').click();
    await until(() => $(el, '#approve'), 4000, 'detail');
    $(el, '#approve').click();
    await until(() => $(el, '#detail-error'), 4000, 'error');
    expect($(el, '#detail-error').textContent).to.equal(
      'Someone else changed this in the meantime. Reload and try again.',
    );
    await until(
      () => calls.filter((c) => c.method === 'GET' && c.url.endsWith('/approvals/ap1')).length >= 2,
      4000,
      'reload',
    );
  });

  it('R5: batch approval of the selected requests reports approved and skipped', async () => {
    const { el, calls } = await mountQueue();
    expect($$(el, '[part=item] .pick')).to.have.length(2); // ap3 may not be decided by me
    expect(($(el, '#approve-selected') as HTMLButtonElement).disabled).to.be.true;
    for (const box of $$<HTMLInputElement>(el, '[part=item] .pick')) box.click();
    await el.updateComplete;
    expect($(el, '#approve-selected').textContent!.trim()).to.equal('Approve selected (2)');
    $(el, '#approve-selected').click();
    await until(() => $(el, '#batch-status').textContent === '2 approved, 0 skipped.', 4000, 'outcome');
    expect(posted(calls, '/approvals/decisions')[0]!.body).to.deep.equal({ ids: ['ap1', 'ap2'] });
    await until(() => items(el).length === 1, 4000, 'reloaded');
    // Issue 14: the outcome is kept as a code, so switching the language re-says it.
    el.locale = 'zh-CN';
    await until(() => $(el, '#batch-status').textContent === '已同意 2 条，跳过 0 条。', 4000, 'outcome in Chinese');
  });

  it('R5/R10: a live approval.assigned reloads "To approve" and its count', async function () {
    const mock = await mountQueue();
    mock.client.live.start();
    await until(() => mock.mock.liveOpen, 4000, 'live stream');
    mock.lists.todo = [approval('ap7', { subject: 'Fresh request' }), ...mock.lists.todo];
    mock.mock.emit('approval.assigned', { approvalId: 'ap7' });
    await until(() => items(mock.el)[0] === 'Fresh request', 4000, 'live reload');
    expect(tabs(mock.el)[0]).to.equal('To approve (4)');
    mock.client.live.close();
  });

  it('R10: the sender withdraws; an admin retries a stuck request', async () => {
    const { el, calls } = await mountQueue({ permissions: ['approval.admin'] });
    $(el, '#tab-mine').click();
    await until(() => $(el, '[data-id=ap20] .open'), 4000, 'mine');
    $(el, '[data-id=ap20] .open').click();
    await until(() => $(el, '#retry'), 4000, 'detail');
    expect($(el, '[part=timeline]').textContent).to.contain('Stuck: nobody can approve');
    $(el, '#retry').click();
    await until(() => $(el, '#action-status').textContent === 'Tried again.', 4000, 'retried');
    expect(posted(calls, '/approvals/ap20/retry')).to.have.length(1);
    $(el, '#back').click();
    await until(() => $(el, '[data-id=ap21] .open'), 4000, 'back to the list');
    $(el, '[data-id=ap21] .open').click();
    await until(() => $(el, '#withdraw'), 4000, 'rejected detail');
    expect($(el, '#resubmit')).to.exist;
    $(el, '#withdraw').click();
    await until(() => $(el, '#action-status').textContent === 'Withdrawn.', 4000, 'withdrawn');
    expect(posted(calls, '/messages/msg-ap21/withdraw')).to.have.length(1);
    expect($(el, '#status').textContent).to.equal('Withdrawn');
  });

  it(
    'R5: the sender edits a rejected request in a dialog (subject and rich-text body), the detail shows it, then ' +
      'resubmits',
    async function () {
      const { el, calls } = await mountQueue();
      const fired: string[] = [];
      el.addEventListener('herald-approval-resubmit', (e) => fired.push(`resubmit:${e.detail.ids}`));
      $(el, '#tab-mine').click();
      await until(() => $(el, '[data-id=ap20] .open'), 4000, 'mine');
      $(el, '[data-id=ap20] .open').click();
      await until(() => $(el, '#retry') || $(el, '#withdraw'), 4000, 'stuck detail');
      expect($(el, '#edit'), 'only a rejected request is edited').to.not.exist;
      $(el, '#back').click();
      await until(() => $(el, '[data-id=ap21] .open'), 4000, 'back to the list');
      $(el, '[data-id=ap21] .open').click();
      await until(() => $(el, '#edit'), 4000, 'rejected detail');
      const dialog = $<HTMLDialogElement>(el, '#edit-dialog');
      expect(dialog.open).to.be.false;

      // Cancel (Escape) closes it without a request; focus returns to Edit.
      $(el, '#edit').click();
      await until(() => dialog.open, 4000, 'the dialog');
      expect(el.shadowRoot!.activeElement?.id).to.equal('edit-subject');
      dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
      await until(() => !dialog.open && el.shadowRoot!.activeElement?.id === 'edit', 4000, 'closed, focus on Edit');
      expect($(el, '#detail-subject').textContent, 'still the detail').to.equal('Discount offer');

      $(el, '#edit').click();
      await until(() => dialog.open, 4000, 'the dialog again');
      expect(dialog.getAttribute('aria-labelledby')).to.equal('edit-title');
      expect($(el, '#edit-title').textContent).to.equal('Edit the message before resubmitting it');
      const subject = $<HTMLInputElement>(el, '#edit-subject');
      expect(subject.value).to.equal('Discount offer');
      fill(subject, '   ');
      $(el, '#edit-save').click();
      await until(() => !$(el, '#edit-error').hidden, 4000, 'subject required');
      expect($(el, '#edit-error').textContent).to.equal('Subject: required');
      fill(subject, 'Discount offer, 5% this time');
      const body = $<HeraldRichTextEditor>(el, '#edit-body');
      await until(() => body.ready, 20_000, 'the editor');
      expect(JSON.stringify(body.value)).to.contain('the revised quote is attached.');
      body.focus();
      // The editor takes focus asynchronously: typing earlier would land in the subject field.
      await until(
        () =>
          !!body.shadowRoot?.activeElement &&
          (el.shadowRoot!.activeElement === body || body.contains(document.activeElement)),
        4000,
        'the editor focused',
      );
      await sendKeys({ type: 'Revised: ' });
      await until(() => body.dirty, 4000, 'the body changed');
      $(el, '#edit-save').click();
      await until(() => !dialog.open, 4000, 'saved and closed');
      const patch = calls.filter((c) => c.method === 'PATCH');
      expect(patch.map((c) => new URL(c.url).pathname)).to.deep.equal(['/api/v1/messages/msg-ap21']);
      const sent = patch[0]!.body as { subject: string; body: unknown };
      expect(sent.subject).to.equal('Discount offer, 5% this time');
      expect(JSON.stringify(sent.body)).to.contain('Revised: ').and.to.contain('the revised quote is attached.');
      // The detail reloads and shows the edited content; focus back on Edit; the status says what is next.
      await until(
        () => $(el, '#detail-subject').textContent === 'Discount offer, 5% this time',
        4000,
        'edited subject',
      );
      expect($(el, '[part=message-body]').textContent).to.contain('Revised: ');
      expect($(el, '#action-status').textContent).to.equal('Saved. Resubmit it to send it for approval again.');
      await until(() => el.shadowRoot!.activeElement?.id === 'edit', 4000, 'focus returns to Edit');

      $(el, '#resubmit').click();
      await until(() => $(el, '#action-status').textContent === 'Resubmitted.', 4000, 'resubmitted');
      expect(posted(calls, '/messages/msg-ap21/resubmit')).to.have.length(1);
      expect(calls.findIndex((c) => c.method === 'PATCH')).to.be.below(
        calls.findIndex((c) => c.url.endsWith('/resubmit')),
      );
      expect(fired).to.deep.equal(['resubmit:ap21']);
      expect($(el, '#status').textContent).to.equal('Pending');
      expect($(el, '#edit'), 'no longer editable once resubmitted').to.not.exist;
    },
  );

  it('R14: accessible in English and Chinese, list and detail', async () => {
    const { el } = await mountQueue();
    await expect(el).to.be.accessible();
    $(el, '[data-id=ap1] .open').click();
    await until(() => $(el, '#approve'), 4000, 'detail');
    await expect(el).to.be.accessible();
    const zh = await mountQueue({}, 'zh-CN');
    expect(tabs(zh.el)).to.deep.equal(['待我审批（3）', '我已审批', '我发起的']);
    await expect(zh.el).to.be.accessible();
    $(zh.el, '[data-id=ap1] .open').click();
    await until(() => $(zh.el, '#approve'), 4000, 'detail');
    expect($(zh.el, '#approve').textContent).to.equal('同意');
    // Issue 14: why the flow matched, in Chinese (from codes with parameters).
    expect($$(zh.el, '#reasons li').map((l) => l.textContent)).to.deep.equal(['这是一条外部消息', '包含外部收件人']);
    await expect(zh.el).to.be.accessible();
  });

  for (const locale of ['en', 'zh-CN']) {
    it(`R14: the edit dialog is accessible (${locale})`, async function () {
      const { el } = await mountQueue({}, locale);
      $(el, '#tab-mine').click();
      await until(() => $(el, '[data-id=ap21] .open'), 4000, 'mine');
      $(el, '[data-id=ap21] .open').click();
      await until(() => $(el, '#edit'), 4000, 'rejected detail');
      expect($(el, '#edit').textContent).to.equal(locale === 'en' ? 'Edit' : '编辑');
      await expect(el).to.be.accessible();
      $(el, '#edit').click();
      await until(() => $<HTMLDialogElement>(el, '#edit-dialog').open, 4000, 'the dialog');
      await until(() => $<HeraldRichTextEditor>(el, '#edit-body').ready, 20_000, 'the editor');
      expect($(el, '#edit-save').textContent).to.equal(locale === 'en' ? 'Save changes' : '保存修改');
      await expect(el).to.be.accessible();
    });
  }
});
