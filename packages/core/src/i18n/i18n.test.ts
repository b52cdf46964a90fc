import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { en as sharedEn } from './en.js';
import { zhCN as sharedZhCN } from './zh-CN.js';
import { en as problemsEn } from './problems/en.js';
import { zhCN as problemsZhCN } from './problems/zh-CN.js';
import { LocalizeController, resolveLocale } from './localize-controller.js';
import { defineCatalogue, loadCatalogues, problemStrings, type MessageKey } from './catalogues.js';
import { describeCatalogue } from '../testing/catalogues.js';
import { fieldErrorMessage, fieldErrorMessages, problemMessage } from '../problem-message.js';
import { formatBytes } from '../format-bytes.js';

// The server's field error codes (server/src/http/problem.ts FIELD_ERROR_CODES, docs/api.md "Errors").
const FIELD_ERROR_CODES = [
  'required',
  'too-short',
  'too-long',
  'too-small',
  'too-big',
  'too-few',
  'too-many',
  'invalid-type',
  'invalid-format',
  'invalid-value',
  'invalid-email',
  'invalid-phone',
  'unknown-field',
  'duplicate',
  'unknown-department',
  'unknown-position',
  'unknown-member',
  'unknown-contact',
  'unknown-role',
  'out-of-scope',
  'address-not-allowed',
];

const PROBLEM_CODES = [
  'validation',
  'not-found',
  'unauthenticated',
  'invalid-credentials',
  'too-many-attempts',
  'password-change-required',
  'password-too-weak',
  'password-reused',
  'wrong-password',
  'csrf-failed',
  'forbidden',
  'token-expired',
  'token-invalid',
  'origin-not-allowed',
  'subject-disabled',
  'conflict',
  'payload-too-large',
  'internal',
  'network',
  'method-not-allowed',
  'unsupported-media-type',
  'unavailable',
  // issue 21: what an embedding host can get wrong, each named
  'token-provider-failed',
  'no-token-provider',
  'cookies-cross-origin',
];

// A package's catalogue as a test names it (the real ones are checked in each package's i18n.test.ts).
const things = defineCatalogue('test-things', {
  en: async () => ({ 'thing.title': 'Inbox', 'thing.people': '{count} people', 'thing.people.one': '{count} person' }),
  'zh-CN': async () => ({
    'thing.title': '收件箱',
    'thing.people': '共 {count} 人',
    'thing.people.one': '共 {count} 人',
  }),
});
const key = (k: string) => k as MessageKey;

class LocalizedThing extends LitElement {
  i18n = new LocalizeController(this, [things]);
  override render() {
    return html`${this.i18n.t(key('thing.title'))}`;
  }
}
customElements.define('test-localized-thing', LocalizedThing);

// The hosts below are plain LitElements, which (unlike Herald elements) do not wait for their catalogue; the problem
// texts (loaded on demand, on-demand.test.ts) are loaded here too, as these tests check the words, not the loading.
before(() => Promise.all(['en', 'zh-CN'].map((l) => loadCatalogues(l as 'en', [things, problemStrings]))));

describeCatalogue('shared (core)', sharedEn, sharedZhCN);
describeCatalogue('problems (core, on demand)', problemsEn, problemsZhCN);
const en = { ...sharedEn, ...problemsEn };
const zhCN: Record<string, string> = { ...sharedZhCN, ...problemsZhCN };

describe('i18n catalogues', () => {
  it('has a non-empty message for every problem code in both locales', () => {
    for (const code of PROBLEM_CODES) {
      const key = `problem.${code}` as keyof typeof en;
      expect(en[key], code).to.be.a('string').and.not.empty;
      expect(zhCN[key], code).to.be.a('string').and.not.empty;
    }
  });
});

describe('LocalizeController', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('prefers the element locale, then the nearest lang, then the document, then en', async () => {
    const wrapper = await fixture(html`<div lang="zh-CN"><test-localized-thing></test-localized-thing>
      <test-localized-thing locale="en-GB"></test-localized-thing></div>`);
    const [inherited, own] = wrapper.querySelectorAll('test-localized-thing');
    expect(resolveLocale(inherited!)).to.equal('zh-CN');
    expect(resolveLocale(own!)).to.equal('en-GB');
    const loose = await fixture(html`<test-localized-thing></test-localized-thing>`);
    expect(resolveLocale(loose)).to.equal('en');
    document.documentElement.lang = 'zh';
    expect(resolveLocale(loose)).to.equal('zh');
  });

  it('re-renders when an ancestor lang changes', async () => {
    const wrapper = await fixture(html`<div lang="en"><test-localized-thing></test-localized-thing></div>`);
    const el = wrapper.querySelector('test-localized-thing') as LocalizedThing;
    expect(el.shadowRoot!.textContent).to.equal('Inbox');
    wrapper.setAttribute('lang', 'zh-CN');
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('收件箱');
  });

  it('formats numbers and dates with Intl', async () => {
    const el = (await fixture(html`<test-localized-thing locale="zh-CN"></test-localized-thing>`)) as LocalizedThing;
    expect(el.i18n.number(1234.5)).to.equal('1,234.5');
    expect(el.i18n.date(Date.UTC(2024, 0, 2), { year: 'numeric', month: 'long', timeZone: 'UTC' })).to.equal(
      '2024年1月',
    );
  });
});

describe('issue 21: plurals and units', () => {
  it('plural() picks singular or plural by Intl.PluralRules: "1 person", "2 people", "共 1 人"', async () => {
    const en = (await fixture(html`<test-localized-thing locale="en"></test-localized-thing>`)) as LocalizedThing;
    const zh = (await fixture(html`<test-localized-thing locale="zh-CN"></test-localized-thing>`)) as LocalizedThing;
    expect(en.i18n.plural(key('thing.people'), 1)).to.equal('1 person');
    expect(en.i18n.plural(key('thing.people'), 2)).to.equal('2 people');
    expect(en.i18n.plural(key('thing.people'), 0)).to.equal('0 people');
    expect(en.i18n.plural(key('thing.people'), 1200)).to.equal('1,200 people');
    expect(zh.i18n.plural(key('thing.people'), 1)).to.equal('共 1 人');
  });

  it('formatBytes writes the unit out below a kilobyte ("225 bytes", "1 byte", "225字节") and uses symbols above', () => {
    expect(formatBytes(225, 'en')).to.equal('225 bytes');
    expect(formatBytes(1, 'en')).to.equal('1 byte');
    expect(formatBytes(225, 'zh-CN')).to.equal('225字节');
    expect(formatBytes(1536, 'en')).to.equal('1.5 kB');
    expect(formatBytes(50 * 1024 * 1024, 'en')).to.equal('50 MB');
  });
});

describe('problemMessage', () => {
  it('says when to try again after too many attempts, in both locales', async () => {
    const en = (await fixture(html`<test-localized-thing locale="en"></test-localized-thing>`)) as LocalizedThing;
    const zh = (await fixture(html`<test-localized-thing locale="zh-CN"></test-localized-thing>`)) as LocalizedThing;
    const problem = { code: 'too-many-attempts', retryAfter: 42 };
    expect(problemMessage(problem, en.i18n)).to.equal('Too many attempts. Try again in 42 s.');
    expect(problemMessage(problem, zh.i18n)).to.equal('尝试次数过多，请 42 秒后重试。');
  });

  it('issue 13: says why a password is too weak (common, personal …) in both locales', async () => {
    const en = (await fixture(html`<test-localized-thing locale="en"></test-localized-thing>`)) as LocalizedThing;
    const zh = (await fixture(html`<test-localized-thing locale="zh-CN"></test-localized-thing>`)) as LocalizedThing;
    const common = { code: 'password-too-weak', reason: 'common' };
    expect(problemMessage(common, en.i18n)).to.match(/most common passwords/);
    expect(problemMessage(common, zh.i18n)).to.match(/最常见的密码/);
    expect(problemMessage({ code: 'password-too-weak', reason: 'personal' }, zh.i18n)).to.match(/工号/);
    expect(problemMessage({ code: 'password-too-weak', reason: 'unheard-of' }, en.i18n)).to.equal(
      en.i18n.t('problem.password-too-weak'),
    );
    // Refusals of handing out rights say why (issue 13), in both locales.
    expect(problemMessage({ code: 'forbidden', reason: 'exceeds-own-rights' }, en.i18n)).to.match(
      /permissions you hold yourself/,
    );
    expect(problemMessage({ code: 'forbidden', reason: 'exceeds-own-rights' }, zh.i18n)).to.match(/自己拥有的权限/);
  });

  it('falls back to detail, then title, then a generic message for unknown codes', async () => {
    const el = (await fixture(html`<test-localized-thing locale="en"></test-localized-thing>`)) as LocalizedThing;
    expect(problemMessage({ code: 'wrong-password' }, el.i18n)).to.equal('The current password is wrong.');
    expect(problemMessage({ code: 'brand-new', detail: 'Detail here', title: 'Title' }, el.i18n)).to.equal(
      'Detail here',
    );
    expect(problemMessage({ code: 'brand-new', title: 'Title' }, el.i18n)).to.equal('Title');
    expect(problemMessage(new Error('boom'), el.i18n)).to.equal('Something went wrong. Please try again.');
  });
});

describe('fieldErrorMessage', () => {
  it('translates every field error code, and falls back to the server message for unknown codes', async () => {
    const en = (await fixture(html`<test-localized-thing locale="en"></test-localized-thing>`)) as LocalizedThing;
    const zh = (await fixture(html`<test-localized-thing locale="zh-CN"></test-localized-thing>`)) as LocalizedThing;
    for (const code of FIELD_ERROR_CODES) {
      expect(en.i18n.has(`field.${code}`), code).to.equal(true);
      expect(zh.i18n.has(`field.${code}`), code).to.equal(true);
    }
    const error = { path: 'employeeNo', code: 'duplicate', message: 'The employee number is taken' };
    expect(fieldErrorMessage(error, en.i18n)).to.equal('Already in use.');
    expect(fieldErrorMessage(error, zh.i18n)).to.equal('已被占用。');
    expect(fieldErrorMessage({ path: 'x', code: 'brand-new', message: 'Server says so' }, zh.i18n)).to.equal(
      'Server says so',
    );
    expect(fieldErrorMessage({ path: 'x', message: 'No code at all' }, zh.i18n)).to.equal('No code at all');
  });
});

describe('fieldErrorMessages', () => {
  it('puts each error on the form field its path names, translated, and leaves out fields the form lacks', async () => {
    const zh = (await fixture(html`<test-localized-thing locale="zh-CN"></test-localized-thing>`)) as LocalizedThing;
    const messages = fieldErrorMessages(
      [
        { path: 'email', code: 'duplicate' },
        { path: 'extraDepartmentIds.0', code: 'unknown-department', message: 'No such department' },
        { path: 'somethingElse', code: 'required' },
      ],
      ['email', 'extraDepartmentIds', 'name'] as const,
      zh.i18n,
    );
    expect(Object.keys(messages).sort()).to.deep.equal(['email', 'extraDepartmentIds']);
    expect(messages.email).to.equal('已被占用。');
    expect(fieldErrorMessages(undefined, ['email'], zh.i18n)).to.deep.equal({});
  });
});
