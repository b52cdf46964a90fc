// Issue 19: "Use a template" and "Save as template" in <herald-composer> (stubbed back end; the API itself is tested
// in server/src/modules/templates/templates.test.ts).
import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@herald/client/testing/keys';
import type { HeraldComposer } from '../composer/composer.js';
import '../composer/define.js';
import { $, $$, fill, mountMock, until } from '../testing/mount.js';
import { stateFromTemplate, templateFrom, toLocalInput } from './apply.js';
import { initialState, stateRules } from '../composer/state.js';
import { MOCK_TEMPLATES } from '../testing/mock-backend.js';

const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const mount = (options = {}, locale = 'en') =>
  mountMock<HeraldComposer>(html`<herald-composer locale=${locale}></herald-composer>`, options);
const openDialog = (el: HTMLElement, id: 'use' | 'save') =>
  until(() => $<HTMLDialogElement>(el, `dialog#${id}-template-dialog`)?.open, 4000, `${id} dialog`);
const options = (el: HTMLElement) => $$(el, '#templates [role="option"]');
const stateOf = (el: HeraldComposer) => (el as unknown as { s: ReturnType<typeof initialState> }).s;

describe('<herald-composer> templates (issue 19)', () => {
  before(async function () {
    await import('@herald/rich-text-editor/tiptap-editor');
  });

  it('loads the picker when asked, finds templates by pinyin initials, applies one with the keyboard', async () => {
    const { el, backend } = await mount();
    expect($(el, 'dialog#use-template-dialog')).to.equal(null, 'nothing of the dialogs before they are asked for');
    $<HTMLButtonElement>(el, '#use-template').click();
    await openDialog(el, 'use');
    await until(() => options(el).length === 3, 3000, 'every template');
    await expect(el).to.be.accessible();
    const search = $<HTMLInputElement>(el, '#template-search');
    expect(el.shadowRoot!.activeElement).to.equal(search);
    fill(search, 'hytz');
    await until(() => options(el).length === 1, 3000, 'one hit');
    expect(text(options(el)[0]!)).to.contain('会议通知');
    expect(text($(el, '#template-count'))).to.equal('1 template');
    const applied = oneEvent(el, 'herald-template-apply');
    await sendKeys({ press: 'Enter' });
    expect((await applied).detail.template.id).to.equal('t1');
    const s = stateOf(el);
    expect(s.subject).to.equal('会议通知：周例会');
    expect(s.receiptRequired).to.equal(true);
    expect(s.dueAt).to.not.equal('');
    expect(s.recipients.map((r) => r.name)).to.deep.equal(['技术部']);
    expect(text($(el, '[part="status"]'))).to.contain('会议通知');
    expect(backend.calls.some((c) => c.path === '/templates' && c.method === 'GET')).to.equal(true);
  });

  it('saves the message as a personal template; a manager may share it with the organisation', async () => {
    const { el, backend } = await mount();
    fill($<HTMLInputElement>(el, '#subject'), '周报');
    $<HTMLButtonElement>(el, '#save-template').click();
    await openDialog(el, 'save');
    expect($(el, 'dialog#save-template-dialog fieldset')).to.equal(null, 'no choice without message.manage');
    await expect(el).to.be.accessible();
    const name = $<HTMLInputElement>(el, '#template-name');
    expect(name.value).to.equal('周报');
    fill(name, '');
    $<HTMLButtonElement>(el, '#save-template-submit').click();
    await until(() => text($(el, '#template-name-error')) === 'Give the template a name.');
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    fill(name, '我的周报模板');
    const saved = oneEvent(el, 'herald-template-save');
    $<HTMLButtonElement>(el, '#save-template-submit').click();
    expect((await saved).detail.name).to.equal('我的周报模板');
    const post = backend.calls.find((c) => c.method === 'POST' && c.path === '/templates')!;
    expect((post.body as { scope: string; subject: string }).scope).to.equal('personal');
    expect(text($(el, '[part="status"]'))).to.contain('我的周报模板');

    const { el: manager } = await mount({ permissions: ['message.send.internal', 'message.manage'] });
    $<HTMLButtonElement>(manager, '#save-template').click();
    await openDialog(manager, 'save');
    expect($$(manager, 'input[name="template-scope"]').length).to.equal(2);
  });

  it('speaks Chinese in a zh-CN page', async () => {
    const { el } = await mount({}, 'zh-CN');
    expect(text($(el, 'h2')) + text($(el, 'legend'))).to.equal('新消息消息类型');
    expect(text($(el, '#use-template'))).to.equal('使用模板');
    $<HTMLButtonElement>(el, '#use-template').click();
    await openDialog(el, 'use');
    await until(() => options(el).length === 3);
    expect(text($(el, '#use-template-title'))).to.equal('使用模板');
    expect(text($(el, '#template-count'))).to.equal('共 3 个模板');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !$<HTMLDialogElement>(el, 'dialog#use-template-dialog')?.open, 2000, 'closed');
  });

  it('maps a template to the state and back (expiry choices, due offsets, kinds the member may send)', () => {
    const at = new Date(2026, 11, 5, 9, 0).getTime();
    const outage = MOCK_TEMPLATES[1]!;
    const s = stateFromTemplate(initialState('internal'), outage, ['internal'], stateRules, at);
    expect([s.kind, s.priority, s.expiry]).to.deep.equal(['internal', 'urgent', '24h']);
    const external = stateFromTemplate(
      initialState('internal'),
      { ...outage, kind: 'external' },
      ['internal'],
      stateRules,
      at,
    );
    expect(external.kind).to.equal('internal', 'a kind the member may not send is not taken');
    const meeting = stateFromTemplate(initialState('internal'), MOCK_TEMPLATES[0]!, ['internal'], stateRules, at);
    expect(meeting.dueAt).to.equal(toLocalInput(at + 24 * 3600_000));
    const back = templateFrom(meeting, ' 周会 ', 'personal', stateRules, at);
    expect([back.name, back.dueInMinutes, back.receiptRequired]).to.deep.equal(['周会', 1440, true]);
    expect(back.audience).to.deep.equal([{ kind: 'department', targetId: 'd2', includeSubdepartments: true }]);
  });
});
