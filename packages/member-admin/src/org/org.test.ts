import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, $$, fill, mountMock, mountReal, mountWith, realDepartmentAdmin, until } from '../testing/mount.js';
import type { HeraldAdminOrg } from './org.js';
import './define.js';

const mount = () => mountMock<HeraldAdminOrg>(html`<herald-admin-org></herald-admin-org>`);
const focusedName = (el: Element) => {
  const item = el.shadowRoot!.activeElement as HTMLElement;
  return el.shadowRoot!.getElementById(`label-${item.dataset.id}`)!.querySelector('.name')!.textContent;
};
const item = (el: Element, name: string) =>
  $$(el, '[role="treeitem"]').find((li) => li.querySelector('.name')!.textContent === name)!;

describe('<herald-admin-org>', () => {
  it('is accessible, with a department selected', async () => {
    const { el } = await mount();
    await until(() => $$(el, '[role="treeitem"]').length);
    await expect(el).to.be.accessible();
    item(el, '技术部').click();
    await until(() => $(el, '#rename'));
    await expect(el).to.be.accessible();
  });

  it('moves through the tree with the keyboard (roving tabindex, arrows, Home/End, type-ahead, Enter)', async () => {
    const { el } = await mount();
    await until(() => $$(el, '[role="treeitem"]').length);
    const tree = $(el, '[role="tree"]');
    expect($$(el, '[role="treeitem"][tabindex="0"]')).to.have.length(1);
    $<HTMLElement>(el, '[role="treeitem"][tabindex="0"]').focus();
    expect(focusedName(el)).to.equal('总部');
    expect(item(el, '总部').getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedName(el)).to.equal('技术部');
    expect(item(el, '技术部').getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: 'ArrowRight' }); // expands
    await el.updateComplete;
    expect(item(el, '技术部').getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'ArrowRight' }); // enters
    await el.updateComplete;
    expect(focusedName(el)).to.equal('前端组');
    expect(item(el, '前端组').getAttribute('aria-level')).to.equal('3');
    await sendKeys({ press: 'ArrowLeft' }); // to parent
    await el.updateComplete;
    expect(focusedName(el)).to.equal('技术部');
    await sendKeys({ press: 'ArrowLeft' }); // collapses
    await el.updateComplete;
    expect(item(el, '技术部').getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(focusedName(el)).to.equal('销售部');
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(focusedName(el)).to.equal('总部');
    // type-ahead (IME text has no key press)
    tree.dispatchEvent(new KeyboardEvent('keydown', { key: '人', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(focusedName(el)).to.equal('人事部');
    expect($$(el, '[role="treeitem"][tabindex="0"]')).to.have.length(1);
    await sendKeys({ press: 'Enter' });
    await until(() => item(el, '人事部').getAttribute('aria-selected') === 'true');
    expect($(el, '#department-title').textContent).to.equal('总部 / 人事部');
    expect(tree.getAttribute('aria-labelledby')).to.equal('tree-title');
  });

  it('never offers a department\'s own subtree in "Move to…", and moves it', async () => {
    const { el, backend } = await mount();
    await until(() => $$(el, '[role="treeitem"]').length);
    item(el, '技术部').click();
    await until(() => $(el, '#move-to'));
    const offered = $$<HTMLOptionElement>(el, '#move-to option').map((o) => o.textContent!.trim());
    expect(offered).to.not.include('前端组');
    expect(offered).to.not.include('技术部');
    expect(offered).to.include('市场部');
    fill($(el, '#move-to'), 'd4');
    const updated = oneEvent(el, 'herald-department-update');
    $<HTMLFormElement>(el, '#move-to').form!.requestSubmit();
    await updated;
    await until(() => backend.departments.find((d) => d.name === '技术部')!.parentId === 'd4');
    await until(() => $(el, '#department-title').textContent === '总部 / 市场部 / 技术部');
  });

  it('explains why a department must be emptied first, and offers to move its members', async () => {
    const { el, backend } = await mount();
    await until(() => $$(el, '[role="treeitem"]').length);
    item(el, '总部').click();
    await until(() => $(el, '[part="delete"]'));
    expect($(el, '[part="delete"] p').textContent).to.contain('has sub-departments');
    item(el, '人事部').click();
    await until(() => $(el, '#move-members'));
    expect($(el, '[part="delete"] p').textContent).to.contain('1 members');
    const del = $$<HTMLButtonElement>(el, '[part="delete"] button').at(-1)!;
    expect(del.disabled).to.equal(true);
    fill($(el, '#move-members'), 'd6');
    await el.updateComplete;
    del.click(); // first press asks
    await el.updateComplete;
    expect(del.textContent!.trim()).to.equal('Confirm: Delete 人事部');
    const requested = oneEvent(el, 'herald-department-delete-request');
    const deleted = oneEvent(el, 'herald-department-delete');
    del.click();
    const { detail } = await requested;
    expect(detail.name).to.equal('人事部');
    expect(Object.keys(detail).sort()).to.deep.equal(['id', 'name']);
    await deleted;
    expect(backend.departments.some((d) => d.name === '人事部')).to.equal(false);
    expect(backend.members.find((m) => m.name === '孙七')!.departmentId).to.equal('d6');
  });

  it('reorders siblings and adds a position', async () => {
    const { el, backend } = await mount();
    await until(() => $$(el, '[role="treeitem"]').length);
    item(el, '销售部').click();
    await until(() => $(el, '#move-up'));
    $<HTMLButtonElement>(el, '#move-up').click();
    await until(() => backend.departments.find((d) => d.name === '销售部')!.sortOrder === 2);
    fill($(el, '#pos-name'), '实习生');
    fill($(el, '#pos-level'), '0');
    const created = oneEvent(el, 'herald-position-create');
    $<HTMLFormElement>(el, '#pos-name').form!.requestSubmit();
    await created;
    await until(() => $$(el, '[part="positions"] td').some((td) => td.textContent === '实习生'));
  });
});

describe('<herald-admin-org> against the real server', () => {
  it(
    'shows the demo tree with member counts, walks it with the keyboard, and creates, renames and deletes a ' +
      'department',
    async function () {
      const mounted = await mountReal<HeraldAdminOrg>(html`<herald-admin-org></herald-admin-org>`);
      if (!mounted) return this.skip();
      const { el } = mounted;
      await until(() => item(el, '总部'));
      await expect(el).to.be.accessible();
      $<HTMLElement>(el, '[role="treeitem"][tabindex="0"]').focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(focusedName(el)).to.equal('前端组');
      expect(item(el, '前端组').textContent).to.match(/\d+ members/); // 2 seeded, more if an import test ran first
      await sendKeys({ press: 'Enter' });
      await until(() => $(el, '#move-to'));
      const offered = $$<HTMLOptionElement>(el, '#move-to option').map((o) => o.textContent!.trim());
      expect(offered).to.not.include('前端组');
      expect(offered).to.include('市场部');

      item(el, '市场部').click();
      await until(() => $(el, '#new-child'));
      const name = `临时组${Date.now() % 10000}`;
      fill($(el, '#new-child'), name);
      const created = oneEvent(el, 'herald-department-create');
      $<HTMLFormElement>(el, '#new-child').form!.requestSubmit();
      await created;
      await until(() => item(el, name));
      item(el, name).click();
      await until(() => $<HTMLInputElement>(el, '#rename')?.value === name);
      fill($(el, '#rename'), `${name}改`);
      const renamed = oneEvent(el, 'herald-department-update');
      $<HTMLFormElement>(el, '#rename').form!.requestSubmit();
      await renamed;
      await until(() => item(el, `${name}改`));
      const deleted = oneEvent(el, 'herald-department-delete');
      $$<HTMLButtonElement>(el, '[part="delete"] button').at(-1)!.click();
      await el.updateComplete;
      $$<HTMLButtonElement>(el, '[part="delete"] button').at(-1)!.click();
      await deleted;
      await until(() => !item(el, `${name}改`));
    },
  );
});

describe('<herald-admin-org> as a department admin (real server)', () => {
  it('shows only the managed subtree, as a root, and offers changes only below its root', async function () {
    const scoped = await realDepartmentAdmin();
    if (!scoped) return this.skip();
    const { root, child } = scoped;
    expect(root.manageable && child.manageable).to.equal(true);
    const { el } = await mountWith<HeraldAdminOrg>(html`<herald-admin-org></herald-admin-org>`, scoped.client);
    await until(() => $$(el, '[role="treeitem"]').length);
    expect(item(el, root.name).getAttribute('aria-level')).to.equal('1');
    expect(item(el, '总部')).to.equal(undefined);
    expect(item(el, '市场部')).to.equal(undefined);
    expect(item(el, child.name)).to.not.equal(undefined);
    expect($$(el, '[role="treeitem"]')).to.have.length(2);
    expect($(el, '#new-root')).to.equal(null);
    await expect(el).to.be.accessible();

    item(el, root.name).click();
    await until(() => $(el, '#new-child'));
    expect($(el, '#department-title').textContent).to.match(new RegExp(`^总部 / ${root.name}$`));
    expect($(el, '#rename'), "the root of the scope is changed by the parent's admin").to.equal(null);
    expect($(el, '[part="delete"]')).to.equal(null);

    item(el, child.name).click();
    await until(() => $(el, '#rename'));
    const targets = $$<HTMLOptionElement>(el, '#move-to option').map((o) => o.textContent!.trim());
    expect(targets).to.not.include('市场部');
    expect(targets).to.not.include('总部');
    fill($(el, '#rename'), `${child.name}改`);
    $<HTMLFormElement>(el, '#rename').form!.requestSubmit();
    await until(() => item(el, `${child.name}改`));
    expect($(el, '[role="alert"]').textContent).to.equal('');
  });
});
