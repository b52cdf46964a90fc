import { expect, html } from '@open-wc/testing';
import { $, $$, fill, mountMock, mountReal, until } from '../testing/mount.js';
import { auditDiff, type HeraldAdminAudit } from './audit.js';
import './define.js';

const mount = (options = {}) => mountMock<HeraldAdminAudit>(html`<herald-admin-audit></herald-admin-audit>`, options);

describe('<herald-admin-audit>', () => {
  it('lists newest first with "Load more", and is accessible', async function () {
    const { el } = await mount();
    await until(() => $$(el, '[part="row"]').length === 50);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part="more"]').click();
    await until(() => $$(el, '[part="row"]').length === 60);
  });

  it("filters by target type and shows an entry's before/after as a diff", async () => {
    const { el } = await mount();
    await until(() => $$(el, '[part="row"]').length);
    fill($(el, '#f-targetType'), 'member');
    $<HTMLFormElement>(el, '[part="toolbar"]').requestSubmit();
    await until(() => $$(el, '[part="row"]').length === 20);
    $$(el, '[part="row"]')[0]!.querySelector<HTMLButtonElement>('button.small')!.click();
    await until(() => $(el, '[part="diff"]'));
    const lines = $$(el, '[part="diff"] tbody tr').map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
    expect(lines).to.deep.equal([
      ['email', 'lisi@example.com', 'li.si@example.com'],
      ['phone', '(empty)', '13900000000'],
    ]);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#entry-title'));
    await expect(el).to.be.accessible();
  });

  it('resolves the actor filter from a name, pinyin or employee number', async () => {
    const { el } = await mount();
    await until(() => $$(el, '[part="row"]').length);
    fill($(el, '#f-actorId'), 'nobody-like-this');
    $<HTMLFormElement>(el, '[part="toolbar"]').requestSubmit();
    await until(() => $(el, '[role="alert"]').textContent);
    expect($(el, '[role="alert"]').textContent).to.equal('No member matches "nobody-like-this".');
    fill($(el, '#f-actorId'), 'zs');
    $<HTMLFormElement>(el, '[part="toolbar"]').requestSubmit();
    await until(() => $(el, '[part="actor"]'));
    expect($(el, '[part="actor"]').textContent).to.equal('张三 (E1001)');
    await until(() => $$(el, '[part="row"]').length === 1, undefined, "张三's one entry");
    expect($(el, '[part="sentence"]').textContent).to.contain('张三 sent');
  });

  it(
    'issue 23: reads like sentences — who did what to whom, targets by name with a link, the code on ' + 'demand',
    async () => {
      const { el } = await mount();
      await until(() => $$(el, '[part="row"]').length === 50);
      const sentence = (row: Element) =>
        row.querySelector('[part="sentence"]')!.textContent!.replace(/\s+/g, ' ').trim();
      const rows = $$(el, '[part="row"]');
      expect(sentence(rows[1]!)).to.equal('张三 sent “Q4 launch” to 技术部 (12 people)');
      expect(sentence(rows[0]!)).to.equal('Super Admin changed member “李四”');
      expect(sentence(rows[2]!)).to.equal('Super Admin changed role “Department admin”');
      const code = rows[1]!.querySelector('details[part="code"]') as HTMLDetailsElement;
      expect(code.open).to.equal(false);
      code.querySelector('summary')!.click();
      expect(code.textContent).to.contain('message.send').and.to.contain('msg-q4');
      await expect(el).to.be.accessible();

      const link = rows[0]!.querySelector<HTMLButtonElement>('[part="target"]')!;
      expect(link.textContent).to.equal('李四');
      expect(link.getAttribute('aria-label')).to.equal('Everything about 李四');
      link.click();
      await until(() => $$(el, '[part="row"]').length === 20, undefined, 'the history of 李四');
      expect($$(el, '[part="row"]').every((r) => sentence(r).includes('李四'))).to.equal(true);
    },
  );

  it('issue 23: in Chinese, actions, target types and built-in roles are Chinese', async () => {
    const { el } = await mountMock<HeraldAdminAudit>(html`<herald-admin-audit locale="zh-CN"></herald-admin-audit>`);
    await until(() => $$(el, '[part="row"]').length === 50);
    const sentences = $$(el, '[part="sentence"]')
      .slice(0, 3)
      .map((s) => s.textContent!.replace(/\s+/g, ' ').trim());
    expect(sentences).to.deep.equal([
      'Super Admin 修改了成员「李四」',
      '张三 向 技术部 发送了「Q4 launch」（12 人）',
      'Super Admin 修改了角色「部门管理员」',
    ]);
    expect(
      $$(el, '#f-targetType option')
        .map((o) => o.textContent)
        .join(),
    ).not.to.match(/[a-z]-[a-z]/);
    await expect(el).to.be.accessible();
  });

  it('diffs nested values', () => {
    expect(auditDiff({ a: 1, b: { c: 'x' } }, { a: 1, b: { c: 'y' }, d: [1, 2] })).to.deep.equal([
      { field: 'b.c', before: 'x', after: 'y' },
      { field: 'd', before: '', after: '1, 2' },
    ]);
  });
});

describe('<herald-admin-audit> against the real server', () => {
  it('lists entries newest first and opens one', async function () {
    const mounted = await mountReal<HeraldAdminAudit>(html`<herald-admin-audit></herald-admin-audit>`);
    if (!mounted) return this.skip();
    const { el } = mounted;
    await until(() => $$(el, '[part="row"]').length);
    await expect(el).to.be.accessible();
    $$(el, '[part="row"]')[0]!.querySelector<HTMLButtonElement>('button.small')!.click();
    await until(() => $(el, '#entry-title'));
    await expect(el).to.be.accessible();
  });
});
