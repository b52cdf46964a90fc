import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { problemResponse, stubFetch } from '@herald/client/test-helpers';
import '../provider/define.js';
import './define.js';
import type { HeraldProvider } from '../provider/provider.js';
import type { HeraldSignIn } from './sign-in.js';
import { replaceFetch, testServer, until } from '../test-support.js';

const q = <T extends Element>(el: HeraldSignIn, selector: string) => el.shadowRoot!.querySelector(selector) as T;
const alertText = (el: HeraldSignIn) => q(el, '[role="alert"]').textContent!.trim();

/** A <herald-sign-in> under a provider talking to the (proxied, same-origin) API. */
async function mount(locale = 'en') {
  const provider = await fixture<HeraldProvider>(
    html`<herald-provider api=${location.origin} sign-in="off" locale=${locale}><herald-sign-in></herald-sign-in
      ></herald-provider>`,
  );
  const el = provider.querySelector('herald-sign-in')!;
  await until(() => provider.stores!.$session.get().status !== 'unknown');
  await el.updateComplete;
  return { provider, el };
}

async function type(input: HTMLInputElement, text: string) {
  input.focus();
  await sendKeys({ type: text });
}

describe('<herald-sign-in>', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it('is accessible, with labelled inputs', async () => {
    const { el } = await mount();
    await expect(el).to.be.accessible();
    const login = q<HTMLInputElement>(el, '#login');
    // Issue 23: the super admin signs in as `admin`, a user name — the label says so.
    expect(q(el, 'label[for="login"]').textContent).to.equal('Employee number, e-mail or user name');
    expect(login.autocomplete).to.equal('username');
    expect(q<HTMLInputElement>(el, '#password').type).to.equal('password');
  });

  it('is translated to zh-CN', async () => {
    const { el } = await mount('zh-CN');
    expect(q(el, 'h2').textContent).to.equal('登录 Herald');
    expect(q(el, 'label[for="login"]').textContent).to.equal('工号、电子邮箱或用户名');
    await expect(el).to.be.accessible();
  });

  it('checks for empty fields on Enter and keeps focus in the form', async () => {
    const { el } = await mount();
    q<HTMLInputElement>(el, '#login').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(alertText(el)).to.equal('Enter your employee number, e-mail or user name, and your password.');
    expect(el.shadowRoot!.activeElement).to.equal(q(el, '#login'));
  });

  it("shows the real server's invalid-credentials problem in the alert", async () => {
    const server = await testServer();
    if (!server.url) throw new Error('no test server');
    const { el } = await mount();
    await type(q(el, '#login'), 'nobody@example.invalid');
    await type(q(el, '#password'), 'not-the-password');
    await sendKeys({ press: 'Enter' });
    await until(() => alertText(el));
    expect(alertText(el)).to.equal('The login or password is wrong.');
    expect(el.shadowRoot!.activeElement).to.equal(q(el, '#password'));
  });

  it('says when to try again after 429 too-many-attempts, in both locales', async () => {
    const stub = stubFetch({
      'GET /me': () => problemResponse(401, 'unauthenticated'),
      'POST /auth/sign-in': () => problemResponse(429, 'too-many-attempts', { retryAfter: 42 }),
    });
    restore = replaceFetch(stub.fetch);
    for (const [locale, message] of [
      ['en', 'Too many attempts. Try again in 42 s.'],
      ['zh-CN', '尝试次数过多，请 42 秒后重试。'],
    ]) {
      const { el } = await mount(locale);
      await type(q(el, '#login'), 'E001');
      await type(q(el, '#password'), 'whatever-it-is');
      q<HTMLButtonElement>(el, 'button[type="submit"]').click();
      await until(() => alertText(el));
      expect(alertText(el)).to.equal(message);
      await expect(el).to.be.accessible();
    }
  });

  it('signs the super admin in against the real server, then forces the password change', async () => {
    const server = await testServer();
    if (!server.url) throw new Error('no test server');
    const { provider, el } = await mount();
    await type(q(el, '#login'), server.adminLogin);
    await type(q(el, '#password'), server.adminPassword);
    await sendKeys({ press: 'Enter' });
    await until(() => q(el, '#current'));
    expect(q(el, 'h2').textContent).to.equal('Choose a new password');
    expect(el.shadowRoot!.activeElement).to.equal(q(el, '#current'));
    await expect(el).to.be.accessible();

    // Client-side checks first.
    await type(q(el, '#current'), server.adminPassword);
    await type(q(el, '#next'), 'short');
    await type(q(el, '#confirm'), 'short');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(alertText(el)).to.equal('The new password must have at least 10 characters.');
    expect(el.shadowRoot!.activeElement).to.equal(q(el, '#next'));

    const next = `Herald-${Math.random().toString(36).slice(2)}-pass`;
    q<HTMLInputElement>(el, '#next').value = '';
    await type(q(el, '#next'), next);
    q<HTMLInputElement>(el, '#confirm').value = '';
    await type(q(el, '#confirm'), `${next}x`);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(alertText(el)).to.equal('The two new passwords do not match.');

    // Issue 23: the real server refuses a password with the user's own name in it; the reason is said at the new
    // password, which alone is marked and focused (not "too weak" with all three fields red and focus on the current
    // one).
    const personal = `admin-Harbour-${Math.random().toString(36).slice(2)}`;
    for (const id of ['#next', '#confirm']) {
      q<HTMLInputElement>(el, id).value = '';
      await type(q(el, id), personal);
    }
    await sendKeys({ press: 'Enter' });
    await until(() => q(el, '#next-error'), undefined, 'the reason at the new password');
    expect(q(el, '#next-error').textContent).to.equal(
      'Do not use your name, employee number or e-mail in the password.',
    );
    expect(q(el, '#next').getAttribute('aria-invalid')).to.equal('true');
    expect(q(el, '#next').getAttribute('aria-describedby')).to.contain('next-error');
    expect(['#current', '#confirm'].map((id) => q(el, id).getAttribute('aria-invalid'))).to.deep.equal([
      'false',
      'false',
    ]);
    await until(() => el.shadowRoot!.activeElement === q(el, '#next'), undefined, 'focus on the new password');
    expect(q(el, '[part="alert"]').textContent!.trim(), 'said once, at the field').to.equal('');
    await expect(el).to.be.accessible();
    q<HTMLInputElement>(el, '#next').value = '';
    await type(q(el, '#next'), next);

    q<HTMLInputElement>(el, '#confirm').value = '';
    await type(q(el, '#confirm'), next);
    const changed = oneEvent(el, 'herald-password-change');
    const started = oneEvent(el, 'herald-session-start');
    await sendKeys({ press: 'Enter' });
    await changed;
    const { detail } = await started;
    expect(detail.subject.kind).to.equal('member');
    expect(provider.stores!.$session.get().status).to.equal('signed-in');
    await el.updateComplete;
    expect(q(el, '[part="done"]').textContent).to.contain('You are signed in as');

    await provider.stores!.session.signOut();
    expect(provider.stores!.$session.get().status).to.equal('signed-out');
  });
});
