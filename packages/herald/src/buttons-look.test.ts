// Issue 16, item 6: buttons are styled once in core (styles/buttons.ts) — a destructive (`danger`), a `secondary` and a
// `small danger` button look the same in the member admin and in the approval queue (they used to differ: outlined in
// one, filled in the other). The inbox's destructive button looks the same too (its neutral `secondary` is its own,
// documented in docs/architecture.md). The buttons are put into each element's shadow root, so each is styled by
// exactly the style sheets that widget ships, whatever data it shows.
import { expect, fixture, html } from '@open-wc/testing';
import { darkPalette, lightPalette } from '@herald/core';
import { HeraldAdminMembers } from '@herald/member-admin';
import '@herald/approval-queue/define';
import '@herald/inbox/define';
import '@herald/composer/herald-composer';
import '@herald/rich-text-editor/herald-rich-text-editor';

// The members tab alone (the admin shell loads it lazily); defined here as its own define module does.
if (!customElements.get('herald-admin-members')) HeraldAdminMembers.define('herald-admin-members');

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

/** The computed look of a `<button class=…>` placed inside `el`'s shadow root. */
function look(el: Element, className: string) {
  const button = document.createElement('button');
  button.className = className;
  button.textContent = 'Delete';
  el.shadowRoot!.append(button);
  const s = getComputedStyle(button);
  const seen = {
    background: s.backgroundColor,
    color: s.color,
    border: s.borderTopColor,
    borderWidth: s.borderTopWidth,
    radius: s.borderTopLeftRadius,
    padding: s.padding,
    weight: s.fontWeight,
  };
  button.remove();
  return seen;
}

describe('issue 16: one look for buttons across widgets (core styles/buttons.ts)', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(
      'danger, secondary and small buttons look the same in the member admin ' + `and the approval queue (${theme})`,
      async () => {
        const admin = await fixture(html`<herald-admin-members theme=${theme}></herald-admin-members>`);
        const approvals = await fixture(html`<herald-approval-queue theme=${theme}></herald-approval-queue>`);
        for (const className of ['danger', 'secondary', 'small danger', 'secondary danger', 'link']) {
          expect(look(admin, className), className).to.deep.equal(look(approvals, className));
        }
        // … and it is the themed look: danger filled with the danger colour, its text in the surface colour.
        const palette = theme === 'light' ? lightPalette : darkPalette;
        expect(look(admin, 'danger').background).to.equal(rgb(palette['color-danger']));
        expect(look(admin, 'danger').color).to.equal(rgb(palette['color-surface']));
        expect(look(admin, 'secondary danger').color).to.equal(rgb(palette['color-danger']));
        expect(look(admin, 'secondary').color).to.equal(rgb(palette['color-primary']));
      },
    );

    it(`a destructive button looks the same in the inbox as in the member admin (${theme})`, async () => {
      const admin = await fixture(html`<herald-admin-members theme=${theme}></herald-admin-members>`);
      const inbox = await fixture(html`<herald-inbox theme=${theme}></herald-inbox>`);
      expect(look(inbox, 'danger')).to.deep.equal(look(admin, 'danger'));
    });
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`a quiet tool button looks the same in the composer and the rich-text editor (${theme})`, async () => {
      const composer = await fixture(html`<herald-composer theme=${theme}></herald-composer>`);
      const editor = await fixture(html`<herald-rich-text-editor theme=${theme}></herald-rich-text-editor>`);
      expect(look(composer, 'quiet')).to.deep.equal(look(editor, 'quiet'));
      const palette = theme === 'light' ? lightPalette : darkPalette;
      expect(look(editor, 'quiet').background).to.equal(rgb(palette['color-surface']));
      expect(look(editor, 'quiet').color).to.equal(rgb(palette['color-text']));
      expect(look(editor, 'quiet').border).to.equal(rgb(palette['color-border']));
    });
  }
});
