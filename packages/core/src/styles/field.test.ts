import { expect, fixture, html } from '@open-wc/testing';
import { renderField } from './field.js';

// issue 16 item 6: one field helper for the member admin and the approval queue.
describe('renderField', () => {
  const input = (w: { invalid: string; describedBy: unknown }) =>
    html`<input id="f-name" aria-invalid=${w.invalid} aria-describedby=${w.describedBy} />`;

  it('labels the control and names no description while there is neither hint nor error', async () => {
    const el = await fixture(html`<div>${renderField({ id: 'f-name', label: 'Name' }, input)}</div>`);
    const control = el.querySelector('input')!;
    expect(control.labels?.[0]?.textContent).to.equal('Name');
    expect(control.getAttribute('aria-invalid')).to.equal('false');
    expect(control.hasAttribute('aria-describedby')).to.equal(false);
    expect(el.querySelector('.field-error')).to.equal(null);
  });

  it('shows the hint and the error and ties both to the control', async () => {
    const parts = { id: 'f-name', label: 'Name', hint: 'As on the badge', error: 'Required' };
    const el = await fixture(html`<div>${renderField(parts, input)}</div>`);
    const control = el.querySelector('input')!;
    expect(control.getAttribute('aria-invalid')).to.equal('true');
    expect(control.getAttribute('aria-describedby')).to.equal('f-name-hint f-name-error');
    expect(el.querySelector('#f-name-hint.muted')?.textContent).to.equal('As on the badge');
    expect(el.querySelector('#f-name-error.field-error')?.textContent).to.equal('Required');
  });
});

describe('renderField (a template hint, a part)', () => {
  it('reads a template hint with the control and names the field for ::part()', async () => {
    const parts = { id: 'n', label: 'Minutes', hint: html`Up to a day. <b id="n-effect">90 minutes</b>`, part: 'n' };
    const input = (w: { invalid: string; describedBy: unknown }) =>
      html`<input id="n" aria-invalid=${w.invalid} aria-describedby=${w.describedBy} />`;
    const el = await fixture(html`<div>${renderField(parts, input)}</div>`);
    expect(el.querySelector('input')!.getAttribute('aria-describedby')).to.equal('n-hint');
    expect(el.querySelector('#n-hint')!.textContent).to.equal('Up to a day. 90 minutes');
    expect(el.querySelector('.field')!.getAttribute('part')).to.equal('n');
  });
});
