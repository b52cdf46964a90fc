import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { panelSuite } from '@herald/client/panel-suite';
import { $, $$, fill, mountMock, until } from '../testing/mount.js';
import type { HeraldMemberAdmin } from './member-admin.js';
import './define.js';

panelSuite('herald-member-admin', { title: 'Members', titleZh: '成员', empty: 'No members to show.' });

const mount = (options = {}) =>
  mountMock<HeraldMemberAdmin>(html`<herald-member-admin></herald-member-admin>`, options);
const tabNames = (el: Element) => $$(el, '[role="tab"]').map((t) => t.textContent!.trim());

describe('<herald-member-admin> tabs', () => {
  it('shows every tab to a super admin, and is accessible', async () => {
    const { el } = await mount();
    expect(tabNames(el)).to.deep.equal([
      'Members',
      'Organisation',
      'Import',
      'Roles',
      'Audit',
      'Reach',
      'Contacts',
      'Groups',
      'Settings',
      'Notifications',
      'Storage',
    ]);
    await until(() => $$(el.shadowRoot!.querySelector('herald-admin-members')!, '[part="row"]').length);
    await expect(el).to.be.accessible();
  });

  it('shows only the tabs the signed-in user may use', async () => {
    const auditor = await mount({ permissions: ['data.view'] });
    expect(tabNames(auditor.el)).to.deep.equal(['Members', 'Audit', 'Reach']);
    const sender = await mount({ permissions: ['message.send.internal', 'message.send.external'] });
    expect(tabNames(sender.el)).to.deep.equal(['Import', 'Contacts']);
    const departmentAdmin = await mount({ permissions: ['department.manage', 'data.view', 'message.manage'] });
    expect(tabNames(departmentAdmin.el)).to.deep.equal([
      'Members',
      'Organisation',
      'Import',
      'Audit',
      'Reach',
      'Groups',
    ]);
    const nobody = await mount({ permissions: ['message.send.internal'] });
    expect(tabNames(nobody.el)).to.deep.equal([]);
    expect($(nobody.el, '[part="empty"]').textContent).to.equal('No members to show.');
  });

  it('moves between tabs with the arrow keys, Home and End (one tab stop)', async () => {
    const { el } = await mount({ permissions: ['data.view', 'org.admin'] });
    const selected = () => $(el, '[role="tab"][aria-selected="true"]').textContent!.trim();
    expect($$(el, '[role="tab"][tabindex="0"]')).to.have.length(1);
    $<HTMLElement>(el, '#tab-members').focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(selected()).to.equal('Organisation');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#tab-org'));
    expect($(el, '#panel-org').hidden).to.equal(false);
    expect($(el, '#panel-members').hidden).to.equal(true);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(selected()).to.equal('Storage');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(selected()).to.equal('Members');
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(selected()).to.equal('Storage');
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(selected()).to.equal('Members');
    expect(el.tab).to.equal('members');
  });
});

describe('<herald-member-admin> locale and theme', () => {
  it('passes its locale and theme on to the tabs', async () => {
    const { el } = await mountMock<HeraldMemberAdmin>(
      html`<herald-member-admin locale="zh-CN" theme="dark"></herald-member-admin>`,
    );
    expect(tabNames(el)).to.deep.equal([
      '成员',
      '组织架构',
      '导入',
      '角色',
      '审计',
      '送达概览',
      '外部联系人',
      '群组',
      '设置',
      '通知',
      '存储',
    ]);
    const members = el.shadowRoot!.querySelector('herald-admin-members')!;
    await until(() => $(members, 'label[for="q"]'));
    expect($(members, 'label[for="q"]').textContent).to.equal('搜索成员');
    expect(members.getAttribute('theme')).to.equal('dark');
  });
});

describe('<herald-member-admin> keeps tabs in step', () => {
  it('reloads a tab shown again after another tab changed what it shows', async () => {
    const { el } = await mountMock<HeraldMemberAdmin>(html`<herald-member-admin></herald-member-admin>`);
    const members = el.shadowRoot!.querySelector('herald-admin-members')!;
    await until(() => $$(members, '#department option').length === 7);
    el.tab = 'org';
    await el.updateComplete;
    const org = el.shadowRoot!.querySelector('herald-admin-org')!;
    await until(() => $(org, '#new-root'));
    fill($(org, '#new-root'), '研发中心');
    $<HTMLFormElement>(org, '#new-root').form!.requestSubmit();
    await until(() => $(org, '[role="status"]').textContent);
    el.tab = 'members';
    await el.updateComplete;
    await until(() => $$(members, '#department option').some((o) => o.textContent!.trim() === '研发中心'));
  });
});
