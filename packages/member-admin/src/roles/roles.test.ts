import { expect, html, oneEvent } from '@open-wc/testing';
import { $, $$, fill, mountMock, mountReal, until } from '../testing/mount.js';
import type { HeraldAdminRoles } from './roles.js';
import './define.js';

const mount = (options = {}) => mountMock<HeraldAdminRoles>(html`<herald-admin-roles></herald-admin-roles>`, options);

describe('<herald-admin-roles>', () => {
  it('lists built-in roles with their permissions in plain words, and is accessible', async () => {
    const { el } = await mount();
    await until(() => $$(el, '[part="row"]').length === 6);
    const auditor = $$(el, '[part="row"]').find((r) => r.querySelector('th')!.textContent!.includes('Auditor'))!;
    // Issue 23: a role of department permissions only is granted for departments, and says so.
    expect(auditor.querySelector('li')!.textContent).to.equal(
      'Can view the data and audit trail of the departments it is granted for',
    );
    expect(auditor.querySelector('button')).to.equal(null); // built-in: no edit/delete
    await expect(el).to.be.accessible();
  });

  it('creates a custom role (name required), then deletes it', async () => {
    const { el } = await mount();
    await until(() => $$(el, '[part="row"]').length === 6);
    $<HTMLButtonElement>(el, '#new-role').click();
    await el.updateComplete;
    $<HTMLFormElement>(el, '[part="form"]').requestSubmit();
    await el.updateComplete;
    expect($(el, '#role-name-error').textContent).to.equal('Required.');
    await expect(el).to.be.accessible();
    fill($(el, '#role-name'), '公告发布员');
    const boxes = $$<HTMLInputElement>(el, '[part="form"] input[type="checkbox"]');
    boxes[0]!.click();
    boxes[1]!.click();
    const created = oneEvent(el, 'herald-role-create');
    $<HTMLFormElement>(el, '[part="form"]').requestSubmit();
    await created;
    await until(() => $$(el, '[part="row"]').length === 7);
    const row = $$(el, '[part="row"]').at(-1)!;
    expect([...row.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal([
      'Can send internal messages',
      'Can send external messages',
    ]);
    const button = () => $$(el, '[part="row"]').at(-1)!.querySelector<HTMLButtonElement>('button.danger')!;
    button().click();
    await el.updateComplete;
    expect(button().getAttribute('aria-label')).to.equal('Confirm: Delete 公告发布员');
    // A host may veto the confirmed action.
    const asked: string[] = [];
    el.addEventListener(
      'herald-role-delete-request',
      (e) => {
        e.preventDefault();
        asked.push(e.detail.name);
      },
      { once: true },
    );
    button().click();
    await el.updateComplete;
    expect(asked).to.deep.equal(['公告发布员']);
    expect($$(el, '[part="row"]')).to.have.length(7);
    button().click();
    await el.updateComplete;
    const deleted = oneEvent(el, 'herald-role-delete');
    button().click();
    await deleted;
    await until(() => $$(el, '[part="row"]').length === 6);
  });
});

describe('<herald-admin-roles>: what roles really grant (issue 23)', () => {
  const rowOf = (el: HeraldAdminRoles, name: string) =>
    $$(el, '[part="row"]').find((r) => r.querySelector('th')!.textContent!.includes(name))!;
  const words = (row: Element) => [...row.querySelectorAll('li')].map((li) => li.textContent);

  it(
    'describes Department admin as reaching only the departments it is granted for, Org admin as all but approval ' +
      'flows',
    async () => {
      const { el } = await mount();
      await until(() => $$(el, '[part="row"]').length === 6);
      expect(words(rowOf(el, 'Department admin'))).to.deep.equal([
        'Can manage the departments it is granted for, and their sub-departments',
        'Can view the data and audit trail of the departments it is granted for',
        'Can manage the messages of the departments it is granted for',
      ]);
      expect(words(rowOf(el, 'Department admin')).join(' ')).not.to.match(/\ball\b|every/);
      expect(rowOf(el, 'Organisation admin').querySelector('.about')!.textContent).to.equal(
        'Every permission except administering approval flows.',
      );
      // granted organisation-wide only
      expect(words(rowOf(el, 'Organisation admin'))).to.include('Can manage every department');
      expect($(el, '[part="note"]').textContent).to.contain('that department and its sub-departments');
      await expect(el).to.be.accessible();
    },
  );

  it('names built-in roles in Chinese in the Chinese interface', async () => {
    const { el } = await mountMock<HeraldAdminRoles>(html`<herald-admin-roles locale="zh-CN"></herald-admin-roles>`);
    await until(() => $$(el, '[part="row"]').length === 6);
    const names = $$(el, '[part="row"] th').map((th) => th.textContent!.trim().split(/\s/)[0]);
    expect(names).to.include.members(['超级管理员', '组织管理员', '部门管理员', '审计员']);
    expect(names.join()).not.to.match(/admin/i);
    expect(words(rowOf(el, '部门管理员'))[0]).to.equal('可以管理授予范围内的部门及其子部门');
    await expect(el).to.be.accessible();
  });
});

describe('<herald-admin-roles> against the real server', () => {
  it('lists the built-in roles in plain words', async function () {
    const mounted = await mountReal<HeraldAdminRoles>(html`<herald-admin-roles></herald-admin-roles>`);
    if (!mounted) return this.skip();
    const { el } = mounted;
    await until(() => $$(el, '[part="row"]').length >= 6);
    expect(
      $$(el, '[part="row"] th')
        .map((th) => th.textContent!.replace(/\s+/g, ' ').trim())
        .some((t) => t.startsWith('Auditor (built-in)')),
    ).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
