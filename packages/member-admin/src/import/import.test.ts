import { expect, html, oneEvent } from '@open-wc/testing';
import { $, $$, fill, mountMock, mountReal, until } from '../testing/mount.js';
import type { HeraldAdminImport } from './import.js';
import './define.js';

const mount = () => mountMock<HeraldAdminImport>(html`<herald-admin-import></herald-admin-import>`);
const csv = () =>
  new File(
    [
      '工号,姓名,部门,职位,邮箱,手机\nE3001,钱九,总部/技术部/前端组,员工,qianjiu@example.com,13800000001\nE3002,,总部/研发部,员工,not-an-email,123\n',
    ],
    'members.csv',
    { type: 'text/csv' },
  );

async function upload(el: HeraldAdminImport, file: File) {
  const input = $<HTMLInputElement>(el, '#file');
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
  await until(() => $(el, '[part="summary"]'));
}

describe('<herald-admin-import>', () => {
  it('is accessible before and after an upload with errors', async () => {
    const { el } = await mount();
    await expect(el).to.be.accessible();
    await upload(el, csv());
    await until(() => $$(el, '[part="row"]').length);
    await expect(el).to.be.accessible();
  });

  it('shows each cell\'s error next to its value and keeps "Confirm" disabled while errors remain', async () => {
    const { el } = await mount();
    await upload(el, csv());
    await until(() => $$(el, '[part="row"]').length === 1);
    expect($(el, '[part="summary"]').textContent).to.equal('members.csv: 2 rows, 1 with errors.');
    const cells = [...$(el, '[part="row"]').querySelectorAll('td.bad')].map((td) =>
      td.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(cells).to.deep.equal([
      'Name is required.',
      '总部/研发部 No such department. Use a path like 总部/技术部/前端组.',
      'not-an-email Not a valid e-mail address.',
      '123 Not a mainland mobile number or an international number (+…).',
    ]);
    expect($<HTMLButtonElement>(el, '[part="confirm"]').disabled).to.equal(true);
  });

  it('takes a dropped file', async () => {
    const { el, backend } = await mount();
    const transfer = new DataTransfer();
    transfer.items.add(csv());
    $(el, '[part="dropzone"]').dispatchEvent(
      new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
    );
    await until(() => $(el, '[part="summary"]'));
    expect(backend.batch!.fileName).to.equal('members.csv');
  });

  it('fixes a row inline, then confirms and shows the result', async () => {
    const { el, backend } = await mount();
    await upload(el, csv());
    await until(() => $$(el, '[part="row"]').length === 1);
    $<HTMLButtonElement>(el, '[data-row="3"] button').click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#fix-3-name'));
    fill($(el, '#fix-3-name'), '吴十');
    fill($(el, '#fix-3-department'), '总部/技术部');
    fill($(el, '#fix-3-email'), 'wushi@example.com');
    fill($(el, '#fix-3-phone'), '13900000002');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    $<HTMLFormElement>(el, '#fix-form-3').requestSubmit();
    await until(() => !$<HTMLButtonElement>(el, '[part="confirm"]').disabled);
    expect(backend.batch!.rows[1]!.data.name).to.equal('吴十');
    expect($(el, '[part="summary"]').textContent).to.contain('0 with errors');
    const committed = oneEvent(el, 'herald-import-commit');
    $<HTMLButtonElement>(el, '[part="confirm"]').click();
    expect((await committed).detail.result).to.deep.equal({ added: 2, updated: 0, skipped: 0 });
    await until(() => $(el, '[part="result"]'));
    expect($(el, '[part="result"]').textContent).to.equal('Imported: 2 added, 0 updated, 0 skipped.');
  });
});

describe('<herald-admin-import> against the real server', () => {
  it('uploads a .csv with errors, fixes the bad row inline, confirms and shows the result', async function () {
    const mounted = await mountReal<HeraldAdminImport>(html`<herald-admin-import></herald-admin-import>`);
    if (!mounted) return this.skip();
    const { el } = mounted;
    await until(() => $(el, '#file'));
    await expect(el).to.be.accessible();
    const tag = Date.now().toString(36).toUpperCase();
    const file = new File(
      [
        '工号,姓名,部门,职位,邮箱,手机\n' +
          `I${tag}A,钱九,总部/技术部/前端组,员工,q${tag}@example.com,13800000001\n` +
          `I${tag}B,,总部/研发部,员工,not-an-email,123\n`,
      ],
      'members.csv',
      { type: 'text/csv' },
    );
    await upload(el, file);
    await until(() => $$(el, '[part="row"]').length === 1);
    expect($(el, '[part="summary"]').textContent).to.equal('members.csv: 2 rows, 1 with errors.');
    const bad = [...$(el, '[part="row"]').querySelectorAll('td.bad')].map(
      (td) => td.querySelector('[part="cell-error"]')!.textContent,
    );
    expect(bad).to.have.length(4);
    expect(bad[0]).to.equal('Name is required.');
    expect($<HTMLButtonElement>(el, '[part="confirm"]').disabled).to.equal(true);
    await expect(el).to.be.accessible();

    const rowNo = $(el, '[part="row"]').dataset.row!;
    $<HTMLButtonElement>(el, `[data-row="${rowNo}"] button`).click();
    await el.updateComplete;
    fill($(el, `#fix-${rowNo}-name`), '吴十');
    fill($(el, `#fix-${rowNo}-department`), '总部/技术部');
    fill($(el, `#fix-${rowNo}-email`), `w${tag}@example.com`.toLowerCase());
    fill($(el, `#fix-${rowNo}-phone`), '13900000002');
    $<HTMLFormElement>(el, `#fix-form-${rowNo}`).requestSubmit();
    await until(() => !$<HTMLButtonElement>(el, '[part="confirm"]').disabled);
    const committed = oneEvent(el, 'herald-import-commit');
    $<HTMLButtonElement>(el, '[part="confirm"]').click();
    expect((await committed).detail.result).to.deep.equal({ added: 2, updated: 0, skipped: 0 });
    await until(() => $(el, '[part="result"]'));
  });
});
