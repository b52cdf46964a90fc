// Issue 24: the Reach tab — the last days' figures, charts with a data table each, the period, the .xlsx export, both
// locales, axe-clean; and on the real server, the organisation admin's own figures and workbook.
import { expect, html } from '@open-wc/testing';
import { AdminApi } from '../api/admin-api.js';
import { $, $$, mountMock, mountReal, until } from '../testing/mount.js';
import type { HeraldAdminReach } from './reach.js';
import './define.js';

const mount = (locale = 'en') =>
  mountMock<HeraldAdminReach>(html`<herald-admin-reach locale=${locale}></herald-admin-reach>`);
const figure = (el: Element, id: string) =>
  [...$(el, `[data-figure="${id}"]`).querySelectorAll('dt, dd')].map((n) => n.textContent!.trim());
const cells = (el: Element, id: string) =>
  $$(el, `#${id} table tbody tr`).map((tr) => [...tr.children].map((c) => c.textContent!.trim()));

/** Runs `action` with saving files caught: answers the name the file was saved under. */
async function savedName(action: () => void): Promise<string> {
  let saved = '';
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    saved = this.download;
  };
  try {
    action();
    await until(() => saved);
  } finally {
    HTMLAnchorElement.prototype.click = click;
  }
  return saved;
}

describe('<herald-admin-reach> (issue 24)', () => {
  it('shows the headline figures and a chart with a data table for each, and is accessible', async () => {
    const { el } = await mount();
    await until(() => $$(el, '[data-figure]').length === 5);
    expect($(el, '#reach-title').textContent).to.equal('Reach in the last 30 days');
    expect(figure(el, 'sent')).to.deep.equal(['Messages sent', '57', '']);
    expect(figure(el, 'read')).to.deep.equal([
      'Time to read',
      '42 min',
      'median 42 min, 90 % within 7 hr · over 1,840 reads',
    ]);
    expect(figure(el, 'urgent')).to.deep.equal([
      'Urgent: time to reach 90 %',
      '18 min',
      '7 of 8 urgent messages got there',
    ]);
    expect(figure(el, 'approvals')[2]).to.equal('oldest 4 days, median 5 hr');
    expect(cells(el, 'by-kind')).to.deep.equal([
      ['Internal', '26', '14', '0', '40'],
      ['External', '5', '4', '0', '9'],
      ['Urgent notice', '0', '0', '8', '8'],
    ]);
    expect($$(el, '#channels .bar-value').map((n) => n.textContent)).to.deep.equal([
      '98.7% succeeded (930 of 942)',
      '100% succeeded (57 of 57)',
      'nothing sent yet',
    ]);
    expect($$(el, '#urgent .bar-value').map((n) => n.textContent)).to.deep.equal([
      '12 min (120 recipients)',
      '55 min (340 recipients)',
      'not yet at 90 % (800 recipients)',
    ]);
    // Marks take the design tokens' colours through classes; nothing is styled inline.
    expect(el.shadowRoot!.querySelector('[style]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('in Chinese', async () => {
    const { el } = await mount('zh-CN');
    await until(() => $$(el, '[data-figure]').length === 5);
    expect($(el, '#reach-title').textContent).to.equal('最近 30 天的送达情况');
    expect(figure(el, 'read')[1]).to.equal('42分钟');
    expect(cells(el, 'ages')).to.deep.equal([
      ['一小时内', '1', '1'],
      ['一天内', '2', '2'],
      ['一周内', '1', '1'],
      ['一周以上', '0', '0'],
    ]);
    await expect(el).to.be.accessible();
  });

  it("changes the period, and exports the same figures as .xlsx in the reader's language", async () => {
    const { el } = await mount();
    await until(() => $$(el, '[data-figure]').length === 5);
    const select = $<HTMLSelectElement>(el, '#reach-days');
    select.value = '7';
    select.dispatchEvent(new Event('change'));
    await until(() => $(el, '#reach-title').textContent === 'Reach in the last 7 days');
    expect(await savedName(() => $<HTMLButtonElement>(el, '#reach-export').click())).to.equal('reach-7d.xlsx');
  });

  it('on the real server: the organisation admin sees its figures, and the workbook is an .xlsx', async function () {
    const real = await mountReal<HeraldAdminReach>(html`<herald-admin-reach></herald-admin-reach>`);
    if (!real) return this.skip();
    const { el, client } = real;
    await until(() => $$(el, '[data-figure]').length === 5, 10_000, 'the figures');
    expect(Number(figure(el, 'sent')[1]!.replace(/,/g, ''))).to.be.at.least(0);
    expect(cells(el, 'channels').map((r) => r[0])).to.deep.equal(['E-mail', 'Webhook', 'SMS']);
    const file = await new AdminApi(client).reachExport(30, 'en');
    expect(file.fileName).to.equal('reach-30d.xlsx');
    const bytes = new Uint8Array(await file.blob.slice(0, 2).arrayBuffer());
    expect(String.fromCharCode(...bytes)).to.equal('PK');
    await expect(el).to.be.accessible();
  });
});
