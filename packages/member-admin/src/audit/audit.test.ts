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

  it('filters by target type and shows an entry\'s before/after as a diff', async () => {
    const { el } = await mount();
    await until(() => $$(el, '[part="row"]').length);
    fill($(el, '#f-targetType'), 'member');
    $<HTMLFormElement>(el, '[part="toolbar"]').requestSubmit();
    await until(() => $$(el, '[part="row"]').length === 20);
    $$(el, '[part="row"]')[0]!.querySelector('button')!.click();
    await until(() => $(el, '[part="diff"]'));
    const lines = $$(el, '[part="diff"] tbody tr').map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
    expect(lines).to.deep.equal([['email', 'lisi@example.com', 'li.si@example.com'], ['phone', '(empty)', '13900000000']]);
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
    await until(() => $(el, '[part="empty"]'));
  });

  it('diffs nested values', () => {
    expect(auditDiff({ a: 1, b: { c: 'x' } }, { a: 1, b: { c: 'y' }, d: [1, 2] })).to.deep.equal([
      { field: 'b.c', before: 'x', after: 'y' }, { field: 'd', before: '', after: '1, 2' },
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
    $$(el, '[part="row"]')[0]!.querySelector('button')!.click();
    await until(() => $(el, '#entry-title'));
    await expect(el).to.be.accessible();
  });
});
