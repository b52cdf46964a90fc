// The link rule runs in the browser as on the server (issue 16: one contract; no `node:url` in it).
import { expect } from '@open-wc/testing';
import { isAllowedHref, normalizeHref } from './document.js';
import { safeHref } from './hrefs.js';
import { checkLink, isLookalikeHost } from './links.js';

const open = { blocklist: [], allowlist: [] };

describe('@herald/rich-text link rule (R8) in a browser', () => {
  it('flags look-alike hosts decoded from punycode, and leaves honest IDNs alone', () => {
    expect(isLookalikeHost('xn--pypal-4ve.com')).to.equal(true); // pаypal: Latin + Cyrillic
    expect(isLookalikeHost('xn--80ak6aa92e.com')).to.equal(true); // аррӏе: all Cyrillic look-alikes under .com
    expect(isLookalikeHost('xn--80ak6aa92e.xn--p1ai')).to.equal(false); // the same under .рф reads as Cyrillic
    expect(isLookalikeHost('xn--bcher-kva.de')).to.equal(false); // bücher
    expect(isLookalikeHost('xn--fiq228c.com')).to.equal(false); // 中文
    expect(isLookalikeHost('example.com')).to.equal(false);
  });

  it('checks a link against the block and allow lists, with IDN entries', () => {
    expect(checkLink('https://www.bücher.de/x', { blocklist: ['bücher.de'], allowlist: [] })).to.include({
      ok: false,
      code: 'link-blocked',
    });
    expect(checkLink('https://other.example/', { blocklist: [], allowlist: ['*.example.com'] })).to.include({
      ok: true,
      flag: 'unlisted',
    });
    expect(checkLink('https://intranet.example.com@evil.example/', open)).to.include({
      ok: true,
      flag: 'lookalike',
      host: 'evil.example',
    });
    expect(checkLink('javascript:alert(1)', open)).to.include({ ok: false, code: 'link-scheme' });
  });

  it('lets an editor link http, https and mailto only', () => {
    expect(isAllowedHref('https://example.com/a')).to.equal(true);
    expect(isAllowedHref('data:text/html,x')).to.equal(false);
    expect(normalizeHref('example.com/a')).to.equal('https://example.com/a');
    expect(normalizeHref('a@b.cn')).to.equal('mailto:a@b.cn');
    expect(normalizeHref('javascript:alert(1)')).to.equal(null);
    expect(safeHref('HTTPS://Example.com')).to.equal('https://example.com/');
    expect(safeHref('file:///etc/passwd')).to.equal(null);
  });
});
