// Sign-off approval (签批, issue 19 item 2) in the approval queue: the pad drawn on with pointer events, the typed
// alternative for keyboard users, the opinion required, what is sent, and the signatures shown afterwards.
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { $, $$, fill, mountWith, until } from '@herald/client/testing/mount';
import { sendKeys } from '@herald/client/testing/keys';
import { mockApprovals } from '../testing/mock.js';
import { decided, drawnSignature, signOff, typedSignature } from '../testing/fixtures.js';
import type { HeraldSignaturePad } from '../signature-pad/signature-pad.js';
import type { HeraldApprovalQueue } from './approval-queue.js';
import '../signature-pad/define.js';
import './define.js';

/** A stroke across the pad, as a finger or pen makes it: synthetic pointer events at points of the canvas. */
function draw(canvas: HTMLCanvasElement, pointerType = 'touch') {
  const box = canvas.getBoundingClientRect();
  const at = (fx: number, fy: number) => ({
    pointerId: 7,
    pointerType,
    isPrimary: true,
    button: 0,
    buttons: 1,
    bubbles: true,
    composed: true,
    clientX: box.left + box.width * fx,
    clientY: box.top + box.height * fy,
  });
  canvas.dispatchEvent(new PointerEvent('pointerdown', at(0.1, 0.5)));
  for (let i = 1; i <= 10; i++)
    canvas.dispatchEvent(new PointerEvent('pointermove', at(0.1 + i * 0.08, 0.5 - i * 0.03)));
  canvas.dispatchEvent(new PointerEvent('pointerup', { ...at(0.9, 0.2), buttons: 0 }));
}

/** How many pixels of a base64 PNG are not transparent (decoded by the browser, as the server stores it). */
async function inkedPixels(base64: string): Promise<{ width: number; height: number; inked: number }> {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  let inked = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++;
  return { width: bitmap.width, height: bitmap.height, inked };
}

describe('<herald-signature-pad> (issue 19 item 2)', () => {
  it('is labelled and accessible; drawing with pointer events fills it, Clear empties it', async () => {
    const pad = await fixture<HeraldSignaturePad>(html`<herald-signature-pad locale="en"></herald-signature-pad>`);
    await expect(pad).to.be.accessible();
    const canvas = $<HTMLCanvasElement>(pad, 'canvas');
    expect(canvas.getAttribute('role')).to.equal('img');
    expect($(pad, `#${canvas.getAttribute('aria-labelledby')}`).textContent).to.equal('Signature pad');
    expect($(pad, '#pad-hint').textContent).to.contain('mouse, pen or finger');
    expect(getComputedStyle(canvas).touchAction).to.equal('none');
    expect(pad.empty).to.equal(true);
    expect($<HTMLButtonElement>(pad, '#clear').disabled).to.equal(true);
    const changes: boolean[] = [];
    pad.addEventListener('herald-signature-change', (e) => changes.push(e.detail.empty));
    draw(canvas);
    await pad.updateComplete;
    expect(pad.empty).to.equal(false);
    expect(changes).to.deep.equal([false]);
    const png = pad.toPngBase64();
    expect(png.startsWith('iVBORw0KGgo')).to.equal(true); // the PNG signature, without a data: prefix
    const { width, height, inked } = await inkedPixels(png);
    expect(width).to.be.within(160, 2048);
    expect(height).to.equal(Math.round(width / 3));
    expect(inked).to.be.greaterThan(50);
    $(pad, '#clear').click();
    await pad.updateComplete;
    expect(pad.empty).to.equal(true);
    expect(changes).to.deep.equal([false, true]);
    expect((await inkedPixels(pad.toPngBase64())).inked).to.equal(0);
  });

  it('a pointer other than the one drawing does not add to the stroke', async () => {
    const pad = await fixture<HeraldSignaturePad>(html`<herald-signature-pad locale="en"></herald-signature-pad>`);
    const canvas = $<HTMLCanvasElement>(pad, 'canvas');
    canvas.dispatchEvent(new PointerEvent('pointermove', { pointerId: 3, clientX: 10, clientY: 10, bubbles: true }));
    canvas.dispatchEvent(new PointerEvent('pointerup', { pointerId: 3, bubbles: true }));
    expect(pad.empty).to.equal(true);
  });
});

async function mountSignOff(locale = 'en') {
  const mock = mockApprovals({ todo: [signOff('so1')] });
  const { el } = await mountWith<HeraldApprovalQueue>(
    html`<herald-approval-queue locale=${locale}></herald-approval-queue>`,
    mock.client,
  );
  await until(() => $$(el, '[part=item]').length, 4000, 'the list');
  $(el, '[data-id=so1] .open').click();
  await until(() => $(el, '[part=sign-off] herald-signature-pad'), 4000, 'the sign-off group with its pad');
  await el.updateComplete;
  return { el, ...mock };
}
const decisions = (calls: { method: string; url: string; body?: unknown }[]) =>
  calls.filter((c) => c.method === 'POST' && c.url.endsWith('/approvals/so1/decision'));

describe('<herald-approval-queue> sign-off (签批, issue 19 item 2)', () => {
  it('asks for an opinion and a signature; refuses without either; sends the drawn PNG; shows it', async () => {
    const { el, calls } = await mountSignOff();
    await expect(el).to.be.accessible();
    expect($(el, '[part=timeline] .sign-off').textContent).to.equal('Sign-off');
    expect($(el, 'label[for=comment]').textContent).to.equal('Opinion');
    expect($(el, '[part=sign-off] legend').textContent).to.equal('Signature');
    expect($$(el, '[part=sign-off] .choice').map((l) => l.textContent!.trim())).to.deep.equal([
      'Draw my signature',
      'Type my name',
    ]);
    $(el, '#approve').click();
    await el.updateComplete;
    expect($(el, '#comment-error').textContent).to.equal('Write your opinion to sign off.');
    fill($(el, '#comment'), '同意，按预算执行');
    $(el, '#approve').click();
    await until(() => $(el, '#signature-error'), 4000, 'the signature error');
    expect($(el, '#signature-error').textContent).to.equal('Sign first: draw your signature or type your name.');
    expect(decisions(calls)).to.have.length(0);

    const pad = $<HeraldSignaturePad>(el, 'herald-signature-pad');
    draw($<HTMLCanvasElement>(pad, 'canvas'), 'pen');
    await pad.updateComplete;
    await until(() => !$(el, '#signature-error'), 4000, 'the error gone once signed');
    $(el, '#approve').click();
    await until(() => $(el, '#action-status').textContent === 'Approved.', 4000, 'approved');
    const sent = decisions(calls)[0]!.body as {
      decision: string;
      comment: string;
      signature: { kind: string; png: string };
    };
    expect(sent.decision).to.equal('approve');
    expect(sent.comment).to.equal('同意，按预算执行');
    expect(sent.signature.kind).to.equal('drawn');
    expect((await inkedPixels(sent.signature.png)).inked).to.be.greaterThan(50);
    // Shown from the image route, fetched with the client (no token or secret in the URL).
    await until(() => $<HTMLImageElement>(el, '[part=timeline] img[part=signature]')?.complete, 4000, 'the image');
    const img = $<HTMLImageElement>(el, '[part=timeline] img[part=signature]');
    expect(img.alt).to.equal('Signature of Ada Chen');
    expect(img.src.startsWith('blob:')).to.equal(true);
    expect(img.naturalWidth).to.equal(240);
    const fetched = calls.filter((c) => c.url.includes('/approvals/so1/signatures/'));
    expect(fetched).to.have.length(1);
    expect(new URL(fetched[0]!.url).search).to.equal('');
    expect($(el, '[part=history] img[part=signature]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('keyboard users type their name instead: chosen with the keys, sent as text, shown typed', async () => {
    const { el, calls } = await mountSignOff();
    fill($(el, '#comment'), 'Agreed.');
    $(el, '#sign-draw').focus();
    await sendKeys({ press: 'ArrowRight' }); // the radio group moves to "Type my name"
    await until(() => $(el, '#typed-signature'), 4000, 'the typed signature field');
    expect($(el, 'label[for=typed-signature]').textContent).to.equal('Your name as your signature');
    expect($(el, 'herald-signature-pad')).to.not.exist;
    $(el, '#typed-signature').focus();
    await sendKeys({ type: 'Ada Chen' });
    await expect(el).to.be.accessible();
    $(el, '#approve').click();
    await until(() => $(el, '#action-status').textContent === 'Approved.', 4000, 'approved');
    expect((decisions(calls)[0]!.body as { signature: unknown }).signature).to.deep.equal({
      kind: 'typed',
      name: 'Ada Chen',
    });
    const shown = $(el, '[part=timeline] [part=signature][data-kind=typed]');
    expect(shown.textContent).to.equal('Ada Chen');
    expect(shown.getAttribute('aria-label')).to.equal('Typed signature of Ada Chen: Ada Chen');
  });

  it('speaks Chinese (zh-CN)', async () => {
    const { el } = await mountSignOff('zh-CN');
    expect($(el, 'label[for=comment]').textContent).to.equal('审批意见');
    expect($(el, '[part=sign-off] legend').textContent).to.equal('签名');
    expect($(el, '[part=timeline] .sign-off').textContent).to.equal('签批');
    const pad = $<HeraldSignaturePad>(el, 'herald-signature-pad');
    expect($(pad, '#pad-label').textContent).to.equal('签名板');
    expect($(pad, '#clear').textContent!.trim()).to.equal('清除');
  });

  it('shows the signatures of decided requests (drawn and typed) without a sign-off group to fill', async () => {
    const done = decided(signOff('so2', 'Signed budget'), 'approved', 'Fine.', drawnSignature());
    const typed = decided(signOff('so3', 'Typed budget'), 'rejected', 'No.', typedSignature('Ada Chen'));
    const mock = mockApprovals({ todo: [], done: [done, typed] });
    const { el } = await mountWith<HeraldApprovalQueue>(
      html`<herald-approval-queue locale="en" tab="done"></herald-approval-queue>`,
      mock.client,
    );
    await until(() => $$(el, '[part=item]').length === 2, 4000, 'the done list');
    $(el, '[data-id=so2] .open').click();
    await until(() => $<HTMLImageElement>(el, '[part=timeline] img[part=signature]')?.complete, 4000, 'the image');
    expect($(el, '[part=sign-off]')).to.not.exist;
    $(el, '#back').click();
    await until(() => $(el, '[data-id=so3] .open'), 4000, 'back to the list');
    $(el, '[data-id=so3] .open').click();
    await until(() => $(el, '[part=history] [data-kind=typed]'), 4000, 'the typed signature in the history');
    expect($(el, '[part=history] [data-kind=typed]').textContent).to.equal('Ada Chen');
  });
});
