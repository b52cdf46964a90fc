// Issue 22: a link whose authority carries a user name (`user@host`) is flagged, and its real host is the one checked.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkLink, type LinkPolicy } from './index.js';

const open: LinkPolicy = { blocklist: [], allowlist: [] };

describe('issue 22: links with userinfo', () => {
  test('issue 22: https://example.com@evil.example/ is flagged lookalike and names evil.example', () => {
    for (const href of [
      'https://example.com@evil.example/',
      'https://user:pw@evil.example/x',
      'https://@evil.example/',
      'HTTP://example.com%2F@evil.example',
    ]) {
      const r = checkLink(href, open);
      assert.ok(r.ok, href);
      assert.equal(r.host, 'evil.example', href);
      assert.equal(r.flag, 'lookalike', href);
    }
  });

  test('issue 22: the real host is the one the block and allow lists see', () => {
    const blocked = checkLink('https://intranet.example.com@evil.example/', {
      blocklist: ['evil.example'],
      allowlist: [],
    });
    assert.equal(blocked.ok ? 'ok' : blocked.code, 'link-blocked');
    const listed = checkLink('https://evil.example@intranet.example.com/', {
      blocklist: [],
      allowlist: ['evil.example'],
    });
    assert.ok(listed.ok && listed.host === 'intranet.example.com' && listed.flag === 'lookalike');
  });

  test('issue 22: ordinary links and mailto addresses are not flagged', () => {
    for (const href of [
      'https://example.com/a@b',
      'https://example.com/?q=a@b',
      'https://example.com/#x@y',
      'mailto:a@example.com',
    ]) {
      const r = checkLink(href, open);
      assert.ok(r.ok && r.flag === null, href);
    }
  });
});
