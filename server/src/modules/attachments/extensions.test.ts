// Issue 22: text files a desktop program would run keep their dangerous extension only if refused by name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sniffType } from './sniff.js';

test('issue 22: .tool .ahk .au3 .psc1 .jnlp .xll (plain text inside) are refused by their name', async () => {
  const text = Buffer.from('Run, calc.exe\nMsgBox hello\n');
  for (const ext of ['tool', 'ahk', 'au3', 'psc1', 'jnlp', 'xll', 'AHK']) {
    const sniffed = await sniffType(text, `notes.${ext}`, true);
    assert.equal(sniffed.ok, false, `.${ext} is refused`);
  }
  assert.equal((await sniffType(text, 'notes.txt', true)).ok, true, 'the same text as .txt is fine');
});
