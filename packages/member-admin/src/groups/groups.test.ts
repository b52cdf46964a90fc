import { expect, html, oneEvent } from '@open-wc/testing';
import { $, $$, fill, mountMock, mountReal, until } from '../testing/mount.js';
import type { HeraldAdminGroups } from './groups.js';
import './define.js';

const mount = (options = {}) =>
  mountMock<HeraldAdminGroups>(html`<herald-admin-groups></herald-admin-groups>`, options);

describe('<herald-admin-groups>', () => {
  it('hides ended groups unless asked, shows end dates, and is accessible', async () => {
    const { el } = await mount();
    await until(() => $$(el, '[part="row"]').length === 2);
    expect($$(el, '[part="row"] td:nth-child(3)').map((td) => td.textContent)).to.deep.equal([
      'Permanent',
      'Ends Nov 27, 2026',
    ]);
    await expect(el).to.be.accessible();
    $<HTMLInputElement>(el, '[part="toolbar"] input[type="checkbox"]').click();
    await until(() => $$(el, '[part="row"]').length === 3);
    expect($$(el, '[part="row"] td:nth-child(3)').at(-1)!.textContent).to.equal('Ended Oct 21, 2026');
  });

  it('creates a group with entries picked by search', async () => {
    const { el, backend } = await mount();
    await until(() => $$(el, '[part="row"]').length === 2);
    $<HTMLButtonElement>(el, '#new-group').click();
    await until(() => $(el, '#g-name'));
    fill($(el, '#g-name'), '发布会');
    fill($(el, '#g-pick'), 'zs');
    await until(() => $$(el, '#g-results li').length);
    $<HTMLButtonElement>(el, '#g-results li button').click();
    fill($(el, '#g-pick'), '技术');
    await until(() => $$(el, '#g-results li').some((li) => li.textContent!.includes('Department: 技术部')));
    $$(el, '#g-results li')
      .find((li) => li.textContent!.includes('Department: 技术部'))!
      .querySelector('button')!
      .click();
    await el.updateComplete;
    expect($$(el, '[part="entries"] li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Member: 张三 Remove',
      'Department: 技术部 with sub-departments Remove',
    ]);
    await expect(el).to.be.accessible();
    const created = oneEvent(el, 'herald-group-create');
    $<HTMLFormElement>(el, '[part="form"]').requestSubmit();
    await created;
    expect(backend.groups.at(-1)!.entries.map((e) => e.targetId)).to.deep.equal(['m-E1001', 'd2']);
  });
});

describe('<herald-admin-groups> customer service groups (issue 19 #5)', () => {
  it('an org admin lets customers write to a group; the row says so; unticking takes it back', async () => {
    const { el, backend } = await mount();
    await until(() => $$(el, '[part="row"]').length === 2);
    expect($(el, '[part="service"]')).to.not.exist;
    const firstEdit = () => $$<HTMLButtonElement>(el, '[part="row"] button').find((b) => b.textContent === 'Edit')!;
    firstEdit().click();
    await until(() => $(el, '#g-service'), 2000, 'the service checkbox');
    expect($<HTMLInputElement>(el, '#g-service').checked).to.be.false;
    await expect(el).to.be.accessible();
    $<HTMLInputElement>(el, '#g-service').click();
    const updated = oneEvent(el, 'herald-group-update');
    $<HTMLFormElement>(el, '[part="form"]').requestSubmit();
    await updated;
    expect(backend.serviceGroups).to.deep.equal([backend.groups[0]!.id]);
    await until(() => $(el, '[part="service"]'), 2000, 'the badge');
    expect($(el, '[part="row"] [part="service"]').textContent).to.equal('Customer service group');
    firstEdit().click();
    await until(() => $<HTMLInputElement>(el, '#g-service')?.checked, 2000, 'ticked when edited again');
    $<HTMLInputElement>(el, '#g-service').click();
    const again = oneEvent(el, 'herald-group-update');
    $<HTMLFormElement>(el, '[part="form"]').requestSubmit();
    await again;
    expect(backend.serviceGroups).to.deep.equal([]);
  });

  it('without org.admin there is no such choice (the server would refuse it)', async () => {
    const { el } = await mount({ permissions: ['department.manage'] });
    await until(() => $$(el, '[part="row"]').length === 2);
    $<HTMLButtonElement>(el, '#new-group').click();
    await until(() => $(el, '#g-name'));
    expect($(el, '#g-service')).to.not.exist;
  });
});

describe('<herald-admin-groups> against the real server', () => {
  it('creates a temporary group with a member picked by pinyin', async function () {
    const mounted = await mountReal<HeraldAdminGroups>(html`<herald-admin-groups></herald-admin-groups>`);
    if (!mounted) return this.skip();
    const { el } = mounted;
    await until(() => $(el, '#new-group'));
    $<HTMLButtonElement>(el, '#new-group').click();
    await until(() => $(el, '#g-name'));
    const name = `应急${Date.now() % 100000}`;
    fill($(el, '#g-name'), name);
    fill($(el, '#g-ends'), new Date(Date.now() + 7 * 864e5).toISOString().slice(0, 10));
    fill($(el, '#g-pick'), 'zhangsan');
    await until(() => $$(el, '#g-results li').some((li) => li.textContent!.includes('张三')));
    $$(el, '#g-results li')
      .find((li) => li.textContent!.includes('张三'))!
      .querySelector('button')!
      .click();
    const created = oneEvent(el, 'herald-group-create');
    $<HTMLFormElement>(el, '[part="form"]').requestSubmit();
    await created;
    await until(() => $$(el, '[part="row"] th').some((th) => th.textContent!.includes(name)));
    const row = $$(el, '[part="row"]').find((r) => r.textContent!.includes(name))!;
    expect(row.querySelectorAll('td')[1]!.textContent).to.match(/^Ends /);
    await expect(el).to.be.accessible();
  });
});
