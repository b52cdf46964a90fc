import { expect, html, oneEvent } from '@open-wc/testing';
import { $, $$, fill, mountMock, mountReal, mountWith, realDepartmentAdmin, until } from '../testing/mount.js';
import type { HeraldAdminMembers } from './members.js';
import './define.js';

const mount = (options = {}) =>
  mountMock<HeraldAdminMembers>(html`<herald-admin-members></herald-admin-members>`, options);
const rows = (el: Element) => $$(el, '[part="row"]');
const names = (el: Element) => rows(el).map((r) => r.querySelectorAll('td')[1]!.textContent!.trim());

describe('<herald-admin-members>', () => {
  it(
    'issue 23: on a 360 px phone the table folds into one card per member, keeps its semantics and is ' + 'accessible',
    async () => {
      const { el } = await mount();
      el.style.width = '360px';
      await until(() => rows(el).length > 3);
      const table = $(el, '[part="table"]');
      expect(table.getBoundingClientRect().width, 'no wider than the phone').to.be.at.most(360);
      expect(el.scrollWidth).to.be.at.most(el.clientWidth);
      expect(getComputedStyle(rows(el)[0]!).display).to.equal('block');
      expect(names(el)).to.include('张三'); // every cell still there, in reading order
      await expect(el).to.be.accessible();
    },
  );

  it('is accessible, with the table and the form open', async () => {
    const { el } = await mount();
    await until(() => rows(el).length === 8);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '#new-member').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('searches on the server (pinyin initials find 张三) and filters by department subtree', async () => {
    const { el, backend } = await mount();
    await until(() => rows(el).length === 8);
    fill($(el, '#q'), 'zs');
    await until(() => rows(el).length === 1);
    expect(names(el)).to.deep.equal(['张三']);
    fill($(el, '#q'), '');
    fill($(el, '#department'), backend.departments.find((d) => d.name === '技术部')!.id);
    await until(() => rows(el).length === 3);
    expect(names(el)).to.deep.equal(['张三', '李四', '王五']);
  });

  it('pages with "Load more" instead of rendering everything', async () => {
    const { el } = await mount({ extraMembers: 120 });
    await until(() => rows(el).length === 50);
    $<HTMLButtonElement>(el, '[part="more"]').click();
    await until(() => rows(el).length === 100);
    $<HTMLButtonElement>(el, '[part="more"]').click();
    await until(() => rows(el).length === 128);
    expect($(el, '[part="more"]')).to.equal(null);
  });

  it("validates in the browser, then shows the server's field errors", async () => {
    const { el } = await mount();
    await until(() => rows(el).length === 8);
    $<HTMLButtonElement>(el, '#new-member').click();
    await el.updateComplete;
    fill($(el, '#m-employeeNo'), 'bad number!');
    fill($(el, '#m-email'), 'nope');
    $<HTMLButtonElement>(el, '[part="save"]').click();
    await el.updateComplete;
    expect($(el, '#m-employeeNo-error').textContent).to.contain('1–32 letters');
    expect($(el, '#m-name-error').textContent).to.equal('Required.');
    expect($(el, '#m-email-error').textContent).to.equal('Enter a valid e-mail address.');
    expect($(el, '#m-employeeNo').getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#m-employeeNo'));

    fill($(el, '#m-employeeNo'), 'E1001'); // taken: only the server knows
    fill($(el, '#m-name'), '新人');
    fill($(el, '#m-email'), 'new@example.com');
    $<HTMLButtonElement>(el, '[part="save"]').click();
    await el.updateComplete;
    await until(() => $(el, '#m-employeeNo-error'));
    expect($(el, '#m-employeeNo-error').textContent).to.equal('Already in use.'); // translated from errors[].code
    expect($(el, '[role="alert"]').textContent).to.equal('Some fields are not valid. Check them and try again.');
    await expect(el).to.be.accessible();

    fill($(el, '#m-employeeNo'), 'E9001');
    const created = oneEvent(el, 'herald-member-create');
    $<HTMLButtonElement>(el, '[part="save"]').click();
    expect((await created).detail.id).to.be.a('string');
    await until(() => $(el, '#temporary-password'));
    expect($<HTMLInputElement>(el, '#temporary-password').value).to.equal('Init-7f3k-92xq');
  });

  it('shows roles and effective permissions in plain words, in both locales', async () => {
    const { el } = await mount();
    await until(() => rows(el).length === 8);
    $<HTMLButtonElement>(el, '[data-id="m-E1001"] button').click();
    await until(() => $(el, '[part="permissions"]'));
    const words = $$(el, '[part="permissions"] li').map((li) => li.textContent!.trim());
    expect(words).to.include('Can manage the department 技术部 and its sub-departments');
    el.setAttribute('locale', 'zh-CN');
    await el.updateComplete;
    expect($$(el, '[part="permissions"] li').map((li) => li.textContent!.trim())).to.include(
      '可以管理部门 技术部 及其子部门',
    );
  });

  it('resets a password and shows it once with a copy button; disables a member', async () => {
    const { el } = await mount();
    await until(() => rows(el).length === 8);
    $<HTMLButtonElement>(el, '[data-id="m-E1003"] button').click();
    await until(() => $(el, '[part="detail"]'));
    const requested = oneEvent(el, 'herald-member-password-reset-request');
    const reset = oneEvent(el, 'herald-member-password-reset');
    const resetButton = [...$$<HTMLButtonElement>(el, '[part="detail"] button')].find((b) =>
      b.textContent!.includes('Reset password'),
    )!;
    resetButton.click();
    await el.updateComplete;
    expect(resetButton.textContent!.trim()).to.equal('Confirm: Reset password');
    resetButton.click();
    expect((await requested).detail.id).to.equal((await reset).detail.id);
    await until(() => $(el, '#temporary-password'));
    expect($<HTMLInputElement>(el, '#temporary-password').value).to.equal('Temp-4hd8-k2pw');
    const updated = oneEvent(el, 'herald-member-update');
    [...$$<HTMLButtonElement>(el, '[part="detail"] button')].find((b) => b.textContent!.trim() === 'Disable')!.click();
    await updated;
    await until(() => $(el, '[role="status"]').textContent);
    expect($(el, '[role="status"]').textContent).to.contain('王五 is disabled');
  });

  it('edits a member: extra departments and language', async () => {
    const { el, backend } = await mount();
    await until(() => rows(el).length === 8);
    $<HTMLButtonElement>(el, '[data-id="m-E1004"] button').click();
    await until(() => $(el, '#m-extra'));
    const extra = $<HTMLSelectElement>(el, '#m-extra');
    [...extra.options].find((o) => o.textContent!.trim() === '销售部')!.selected = true;
    extra.dispatchEvent(new Event('change'));
    fill($(el, '#m-locale'), 'en');
    const updated = oneEvent(el, 'herald-member-update');
    $<HTMLButtonElement>(el, '[part="save"]').click();
    await updated;
    const alice = backend.members.find((m) => m.employeeNo === 'E1004')!;
    expect(alice.extraDepartmentIds).to.deep.equal(['d6']);
    expect(alice.locale).to.equal('en');
    await expect(el).to.be.accessible();
  });

  it('shows a readable message when the server refuses (403)', async () => {
    const { el } = await mount({ refuse: { status: 403, code: 'forbidden' } });
    await until(() => $(el, '[role="alert"]').textContent);
    expect($(el, '[role="alert"]').textContent).to.equal('You are not allowed to do this.');
  });
});

describe('<herald-admin-members> against the real server', () => {
  it("finds 张三 by pinyin initials, and shows the server's field error for a taken employee number", async function () {
    const mounted = await mountReal<HeraldAdminMembers>(html`<herald-admin-members></herald-admin-members>`);
    if (!mounted) return this.skip();
    const { el } = mounted;
    await until(() => names(el).includes('张三'));
    await expect(el).to.be.accessible();
    // Other test files add members to the same server, and a random employee number (`wtr-…` in base 36) may hold
    // "zs" too: so the search is asserted by who it finds and who it leaves out, not by how many it lists.
    fill($(el, '#q'), 'zs');
    await until(
      () => names(el).includes('张三') && !names(el).includes('李四'),
      10_000,
      '张三 alone of the demo staff',
    );
    fill($(el, '#q'), 'lisi@example');
    await until(
      () => names(el).includes('李四') && !names(el).includes('张三'),
      10_000,
      '李四 alone of the demo staff',
    );

    $<HTMLButtonElement>(el, '#new-member').click();
    await el.updateComplete;
    fill($(el, '#m-employeeNo'), 'e1001'); // unique case-insensitively: only the server knows it is taken
    fill($(el, '#m-name'), '重复');
    $<HTMLButtonElement>(el, '[part="save"]').click();
    await el.updateComplete;
    await until(() => $(el, '[role="alert"]').textContent);
    expect($(el, '[role="alert"]').textContent).to.not.equal('');
    await until(() => $(el, '#m-employeeNo-error'));
    expect($(el, '#m-employeeNo').getAttribute('aria-invalid')).to.equal('true');

    const employeeNo = `T${Date.now().toString(36)}`;
    fill($(el, '#m-employeeNo'), employeeNo);
    fill($(el, '#m-email'), `${employeeNo}@example.com`.toLowerCase());
    const created = oneEvent(el, 'herald-member-create');
    $<HTMLButtonElement>(el, '[part="save"]').click();
    await created;
    await until(() => $(el, '#temporary-password'));
    expect($<HTMLInputElement>(el, '#temporary-password').value).to.have.length.greaterThan(9);
    await until(() => $(el, '[part="permissions"], [part="detail"] p.muted'));
  });
});

describe('<herald-admin-members> as a department admin (real server)', () => {
  it('offers only the managed departments in the department filter', async function () {
    const scoped = await realDepartmentAdmin();
    if (!scoped) return this.skip();
    const { el } = await mountWith<HeraldAdminMembers>(
      html`<herald-admin-members></herald-admin-members>`,
      scoped.client,
    );
    await until(() => $$<HTMLOptionElement>(el, '#department option').length > 1);
    const offered = $$<HTMLOptionElement>(el, '#department option')
      .map((o) => o.value)
      .filter(Boolean);
    expect(offered).to.deep.equal([scoped.root.id, scoped.child.id]);
  });
});

describe("<herald-admin-members> field errors in the user's language (real server)", () => {
  it("shows the server's field error translated from its code (zh-CN)", async function () {
    const mounted = await mountReal<HeraldAdminMembers>(
      html`<herald-admin-members locale="zh-CN"></herald-admin-members>`,
    );
    if (!mounted) return this.skip();
    const { el } = mounted;
    await until(() => names(el).includes('张三'));
    $<HTMLButtonElement>(el, '#new-member').click();
    await el.updateComplete;
    fill($(el, '#m-employeeNo'), 'e1001'); // taken case-insensitively: only the server knows
    fill($(el, '#m-name'), '重复');
    $<HTMLButtonElement>(el, '[part="save"]').click();
    await until(() => $(el, '#m-employeeNo-error'));
    expect($(el, '#m-employeeNo-error').textContent!.trim()).to.equal('已被占用。');
    fill($(el, '#m-employeeNo'), `T${Date.now().toString(36)}`);
    fill($(el, '#m-name'), 'x'.repeat(101)); // the server's zod limit (100), not checked in the browser
    $<HTMLButtonElement>(el, '[part="save"]').click();
    await until(() => $(el, '#m-name-error'));
    expect($(el, '#m-name-error').textContent!.trim()).to.equal('太长。');
  });
});
