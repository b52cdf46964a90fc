// Issue 21: every way an embedding can fail is named in each element's own place (no endless spinner, no sign-in prompt
// where sign-in is off), told to the host as `herald-error`, and recovers by itself — the retries run on a fake clock.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { fakeJwt, json, member, problemResponse, stubFetch, type RecordedCall } from '@herald/client/test-helpers';
import { installFakeClock, type FakeClock } from '@herald/client/testing/fake-clock';
import type { HeraldErrorDetail } from '@herald/core';
import './define.js';
import '../sign-in/define.js';
import '@herald/inbox/define';
import '@herald/composer/define';
import type { HeraldProvider } from './provider.js';
import { replaceFetch } from '../test-support.js';

type Route = (call: RecordedCall) => Response | Promise<Response>;
const token = () => fakeJwt(Math.floor(Date.now() / 1000) + 600);
const shadowText = (el: Element | null, selector: string) =>
  el?.shadowRoot?.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('issue 21: embedding failures are named and recover', () => {
  let restore: (() => void) | undefined;
  let clock: FakeClock;
  let errors: HeraldErrorDetail[];
  const onError = (e: Event) => errors.push((e as CustomEvent<HeraldErrorDetail>).detail);
  beforeEach(() => {
    errors = [];
    clock = installFakeClock();
    window.addEventListener('herald-error', onError);
  });
  afterEach(() => {
    clock.restore();
    restore?.();
    window.removeEventListener('herald-error', onError);
    delete (globalThis as { heraldTokenProvider?: unknown }).heraldTokenProvider;
  });

  let mounts = 0;
  /**
   * A provider with an inbox, a composer and a badge; `routes` answer the API (and the host's /token). Each mount has
   * an API origin of its own, and `calls()` are the calls to it: a request an earlier test's elements still had on
   * its way (a slow machine finishes it late) is not this test's.
   */
  async function mount(attrs: string, routes: Record<string, Route>, setup?: (el: HeraldProvider) => void) {
    const stub = stubFetch({ 'GET /live': () => problemResponse(404, 'not-found'), ...routes });
    restore = replaceFetch(stub.fetch);
    const api = `http://herald-${++mounts}.test`;
    const calls = () => stub.calls.filter((c) => c.url.startsWith(`${api}/`));
    const wrapper = await fixture(html`<div></div>`);
    wrapper.innerHTML = `<herald-provider api="${api}" ${attrs}><herald-inbox></herald-inbox>
      <herald-composer></herald-composer><herald-unread-badge></herald-unread-badge></herald-provider>`;
    const el = wrapper.firstElementChild as HeraldProvider;
    setup?.(el);
    const inbox = el.querySelector('herald-inbox')!;
    const composer = el.querySelector('herald-composer')!;
    const badge = el.querySelector('herald-unread-badge')!;
    return { el, inbox, composer, badge, stub, calls };
  }

  const problemOf = (el: Element) => shadowText(el, '[part="problem"] p');
  async function expectNamed(m: Awaited<ReturnType<typeof mount>>, message: RegExp) {
    await clock.settle(() => message.test(problemOf(m.inbox)), `inbox says ${message}`);
    // The composer too, once its own catalogues have loaded (issue 16: each element's strings are its own chunk).
    await clock.settle(() => message.test(problemOf(m.composer)), `the composer says ${message}`);
    // Neither a spinner nor a sign-in prompt.
    expect(shadowText(m.inbox, '[part="body"]')).not.to.match(/Loading/);
    expect(shadowText(m.composer, '[part="body"]')).not.to.match(/Sign in/);
    expect(m.el.shadowRoot!.querySelector('herald-sign-in')).to.equal(null);
    expect(m.badge.shadowRoot!.querySelector('[part~="problem"]')!.getAttribute('title')).to.match(message);
  }
  async function expectRecovered(m: Awaited<ReturnType<typeof mount>>) {
    await clock.settle(() => shadowText(m.inbox, '[part="identity"]') === 'Signed in as Ada Chen', 'recovery');
    await clock.settle(
      () =>
        !m.inbox.shadowRoot!.querySelector('[part="problem"]') &&
        !m.composer.shadowRoot!.querySelector('[part="problem"]'),
      'problem gone',
    );
  }
  /** Runs the pending session retry (the first pending timer of at least a second; the elements' own are shorter). */
  const nextRetry = () => {
    while (!clock.pending.some((ms) => ms >= 1000))
      throw new Error(`no retry pending: ${JSON.stringify(clock.pending)}`);
    clock.tick(Math.min(...clock.pending.filter((ms) => ms >= 1000)));
  };

  it(
    "the host's token endpoint answers 500 at load: named with its status, retried, recovered when it " + 'works',
    async () => {
      let endpoint = 500;
      const m = await mount('token-url="/token" sign-in="off"', {
        'POST /token': () => (endpoint === 200 ? new Response(token()) : new Response('oops', { status: endpoint })),
        'GET /me': () => json(member({ via: 'embed' })),
      });
      await expectNamed(m, /token service \(not Herald\) answered HTTP 500/);
      expect(shadowText(m.inbox, '[part="problem"]')).to.contain('Herald tries again by itself');
      expect(errors).to.deep.equal([
        { code: 'token-provider-failed', status: 500, message: errors[0]!.message, retrying: true },
      ]);
      expect(
        m.calls().filter((c) => c.url.includes('/api/')),
        'Herald is not called without a token',
      ).to.have.length(0);
      endpoint = 502;
      nextRetry();
      await clock.settle(() => /HTTP 502/.test(problemOf(m.inbox)), 'the new status');
      endpoint = 200;
      nextRetry();
      await expectRecovered(m);
    },
  );

  it(
    'a token for a person Herald does not know: named (not "reload"), in both locales, recovered once ' + 'added',
    async () => {
      let known = false;
      const m = await mount(
        'locale="zh-CN" sign-in="off"',
        {
          'GET /me': () =>
            known
              ? json(member({ via: 'embed' }))
              : problemResponse(401, 'token-invalid', { reason: 'unknown-subject' }),
        },
        (el) => (el.tokenProvider = token),
      );
      await clock.settle(() => /Herald 不认识本页面登录的用户/.test(problemOf(m.inbox)), 'zh-CN message');
      expect(problemOf(m.inbox)).not.to.match(/刷新/);
      m.el.setAttribute('locale', 'en');
      await clock.settle(
        () => /Herald does not know the person this page signed in/.test(problemOf(m.inbox)),
        'en message',
      );
      await expectNamed(m, /An administrator must add them/);
      expect(errors.map((e) => e.code)).to.deep.equal(['unknown-subject']);
      known = true;
      nextRetry();
      await clock.settle(
        () =>
          shadowText(m.inbox, '[part="identity"]') === '当前用户：Ada Chen' ||
          shadowText(m.inbox, '[part="identity"]') === 'Signed in as Ada Chen',
        'recovery',
      );
      await expectRecovered(m);
    },
  );

  it(
    'an origin that is not registered: names this site, no spinner or sign-in text; recovered once ' + 'registered',
    async () => {
      let registered = false;
      const m = await mount(
        'sign-in="off"',
        { 'GET /me': () => (registered ? json(member({ via: 'embed' })) : problemResponse(403, 'origin-not-allowed')) },
        (el) => (el.tokenProvider = token),
      );
      await expectNamed(
        m,
        new RegExp(`This site \\(${location.origin.replace(/\./g, '\\.')}\\) is not registered with Herald`),
      );
      expect(errors.map((e) => e.code)).to.deep.equal(['origin-not-allowed']);
      registered = true;
      nextRetry();
      await expectRecovered(m);
    },
  );

  it(
    'sign-in="off" and no token provider: named, nothing sent (no CORS error); a provider handed over later ' +
      'recovers',
    async () => {
      const m = await mount('sign-in="off"', { 'GET /me': () => json(member({ via: 'embed' })) });
      await expectNamed(m, /turned Herald's sign-in off but gives Herald no sign-in token/);
      expect(m.calls().map((c) => `${c.method} ${c.url}`)).to.deep.equal([]);
      expect(
        clock.pending.filter((ms) => ms >= 1000),
        'no polling: only the host can fix it',
      ).to.deep.equal([]);
      expect(errors).to.deep.include({
        code: 'no-token-provider',
        status: undefined,
        message: errors[0]!.message,
        retrying: false,
      });
      // The documented event: what a framework app that loads Herald late (or registers late) dispatches.
      window.dispatchEvent(new CustomEvent('herald-token-provider', { detail: { tokenProvider: token } }));
      await expectRecovered(m);
      expect(m.calls()[0]!.headers.get('authorization')).to.match(/^Bearer /);
    },
  );

  it(
    'the documented global window.heraldTokenProvider is used by a provider without its own token ' + 'source',
    async () => {
      (globalThis as { heraldTokenProvider?: unknown }).heraldTokenProvider = token;
      const m = await mount('sign-in="off"', { 'GET /me': () => json(member({ via: 'embed' })) });
      await expectRecovered(m);
      expect(errors).to.deep.equal([]);
    },
  );

  it('Herald unreachable at load: named, retried with backoff, recovered when it is back', async () => {
    let up = false;
    const m = await mount(
      'sign-in="off"',
      { 'GET /me': () => (up ? json(member({ via: 'embed' })) : Promise.reject(new TypeError('Failed to fetch'))) },
      (el) => (el.tokenProvider = token),
    );
    await expectNamed(m, /Herald cannot be reached/);
    expect(errors.map((e) => [e.code, e.retrying])).to.deep.equal([['network', true]]);
    nextRetry();
    await clock.settle(() => m.calls().filter((c) => c.url.includes('/me')).length === 2, 'second attempt');
    up = true;
    nextRetry();
    await expectRecovered(m);
  });

  it(
    'a password sign-in on another origin: says cookies cannot work there (not "unreachable"), in place of the ' +
      'form',
    async () => {
      const m = await mount('', { 'GET /me': () => Promise.reject(new TypeError('Failed to fetch')) });
      await expectNamed(m, /browsers never send its sign-in cookie from another site/);
      expect(errors.map((e) => e.code)).to.deep.equal(['cookies-cross-origin']);
      // A token handed over later (the fix the message names) recovers.
      restore?.();
      restore = replaceFetch(
        stubFetch({
          'GET /me': () => json(member({ via: 'embed' })),
          'GET /live': () => problemResponse(404, 'not-found'),
        }).fetch,
      );
      m.el.tokenProvider = token;
      await expectRecovered(m);
    },
  );

  it('<herald-sign-in> used alone on another origin says why signing in cannot work', async () => {
    restore = replaceFetch(async () => Promise.reject(new TypeError('Failed to fetch')));
    const wrapper = await fixture(html`<div></div>`);
    clock.restore(); // real timers from here
    wrapper.innerHTML = '<herald-provider api="http://herald.test"><herald-sign-in></herald-sign-in></herald-provider>';
    const form = wrapper.querySelector('herald-sign-in')!;
    const provider = wrapper.firstElementChild as HeraldProvider;
    await clock.settle(() => provider.stores!.$session.get().status !== 'unknown', 'the probe');
    await form.updateComplete;
    const input = (id: string) => form.shadowRoot!.querySelector<HTMLInputElement>(id)!;
    input('#login').focus();
    await sendKeys({ type: 'E001' });
    input('#password').focus();
    await sendKeys({ type: 'whatever-it-is' });
    await sendKeys({ press: 'Enter' });
    await clock.settle(() => /sign-in cookie from another site/.test(shadowText(form, '[part="alert"]')), 'the alert');
    expect(shadowText(form, '[part="alert"]')).not.to.match(/cannot be reached/);
  });

  it('the problem state is accessible, in place of each panel body', async () => {
    clock.restore(); // axe runs on real timers; this state polls nothing
    const m = await mount('sign-in="off"', {});
    await clock.settle(() => !!m.inbox.shadowRoot!.querySelector('[part="problem"]'), 'problem');
    await expect(m.inbox).to.be.accessible();
    await expect(m.badge).to.be.accessible();
  });

  it(
    "the token endpoint fails mid-session: the action's message names it, herald-error tells the host, the next try " +
      'works',
    async () => {
      let endpoint = 200;
      let expired = false;
      const m = await mount('token-url="/token" sign-in="off"', {
        'POST /token': () => (endpoint === 200 ? new Response(token()) : new Response('', { status: endpoint })),
        'GET /me': () => json(member({ via: 'embed' })),
        'GET /mailbox': () =>
          expired
            ? problemResponse(401, 'token-expired')
            : json({ items: [], nextCursor: null, pinned: [], total: 0, folders: {} }),
        'GET /mailbox/unread-count': () => json({ unread: 0, urgent: 0 }),
        'GET /tags': () => json({ items: [] }),
      });
      await expectRecovered(m);
      expired = true;
      endpoint = 503;
      (m.inbox as unknown as { reload(force: boolean): void }).reload(true);
      await clock.settle(
        () => /answered HTTP 503/.test(shadowText(m.inbox, '[part="error"]')),
        'the list names the token service',
      );
      expect(errors.map((e) => [e.code, e.status])).to.deep.equal([['token-provider-failed', 503]]);
      expired = false;
      endpoint = 200;
      m.inbox.shadowRoot!.querySelector<HTMLButtonElement>('[part="error"] button')!.click();
      await clock.settle(() => !m.inbox.shadowRoot!.querySelector('[part="error"]'), 'the list loads again');
    },
  );
});
