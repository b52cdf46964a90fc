// Issue #3 in a real Chromium: the admin's back office on the intranet page — find people by pinyin, see the
// organisation tree, and import members from a real .xlsx (R3): a file with errors cannot be confirmed, a
// correct one is committed in one go and its people are found at once.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ROOT, signInAsAdmin, startHerald, withBrowser } from './support.js';

const FIXTURES = join(ROOT, 'server/test-fixtures');
let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;
let page: Page;

before(async () => {
  [herald, browser] = await withBrowser(startHerald());
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAsAdmin(page, herald, 'Back-Office-2026!');
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
});

const admin = () => page.locator('herald-member-admin');
const openTab = async (name: string) => {
  await admin().getByRole('tab', { name }).click();
  await admin().getByRole('tabpanel').waitFor();
};
const search = async (text: string) => {
  const box = admin().getByRole('searchbox', { name: 'Search members' }).or(admin().getByLabel('Search members'));
  await box.first().fill(text);
  await box.first().press('Enter');
};

test('members: pinyin initials and full pinyin find 张三', async () => {
  await openTab('Members');
  for (const query of ['zs', 'zhangsan']) {
    await search(query);
    await admin().getByRole('cell', { name: '李四' }).waitFor({ state: 'detached' }); // the list has been filtered
    await admin().getByRole('cell', { name: '张三' }).waitFor();
    assert.equal(await admin().getByRole('row').count(), 2, `"${query}" finds only 张三 (header row + one)`);
    await search('');
    await admin().getByRole('cell', { name: '李四' }).waitFor();
  }
});

test('organisation: the demo department tree is shown as an accessible tree', async () => {
  await openTab('Organisation');
  const tree = admin().getByRole('tree');
  await tree.waitFor();
  for (const name of ['总部', '技术部', '市场部'])
    await tree
      .getByRole('treeitem', { name: new RegExp(name) })
      .first()
      .waitFor();
});

test('R3: a spreadsheet with errors names the problems and cannot be confirmed', async () => {
  await openTab('Import');
  await admin().locator('input[type="file"]').setInputFiles(join(FIXTURES, 'members-errors.xlsx'));
  await admin()
    .getByText(/members-errors\.xlsx: 11 rows, 10 with errors\./)
    .waitFor();
  assert.equal(await admin().getByRole('button', { name: 'Confirm import' }).isDisabled(), true);
  await admin().getByRole('button', { name: 'Discard' }).click();
});

test('R3: a correct .xlsx is imported in one go; the new people are found by pinyin and employee number', async () => {
  await openTab('Import');
  await admin().locator('input[type="file"]').setInputFiles(join(FIXTURES, 'members-valid.xlsx'));
  await admin()
    .getByText(/members-valid\.xlsx: 4 rows, 0 with errors\./)
    .waitFor();
  await admin().getByRole('button', { name: 'Confirm import' }).click();
  await admin().getByText('Imported: 4 added, 0 updated, 0 skipped.').first().waitFor();

  await openTab('Members');
  await search('oynn'); // 欧阳娜娜: the surname 欧阳 read as a surname
  await admin().getByRole('cell', { name: '欧阳娜娜' }).waitFor();
  await search('00123'); // leading zeros kept
  await admin().getByRole('cell', { name: '陈一' }).waitFor();
});
