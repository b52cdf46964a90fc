// Opening "My settings" from any panel (issue 20): this module and the element load only when asked (dynamic import
// from panel.ts), so no widget's first load carries them.
import './define.js';
import type { LocalizeController } from '@herald/core';

/**
 * Shows `<herald-my-settings>` in a modal dialog inside `opener`'s shadow root, so that it finds the opener's provider
 * (context travels up the composed tree) and speaks its language. Escape or "Close" ends it; focus goes back to where
 * it was; the panel draws its own "Close" button when it sits in a dialog. Answers the dialog (removed once closed).
 */
export function openMySettings(opener: HTMLElement, i18n: LocalizeController): HTMLDialogElement {
  const root = opener.shadowRoot ?? opener;
  const returnTo = (opener.shadowRoot?.activeElement ?? document.activeElement) as HTMLElement | null;
  const dialog = document.createElement('dialog');
  dialog.setAttribute('part', 'my-settings-dialog');
  dialog.setAttribute('aria-label', i18n.t('common.mySettings'));
  const panel = document.createElement('herald-my-settings');
  const locale = opener.getAttribute('locale');
  if (locale) panel.setAttribute('locale', locale);
  dialog.append(panel);
  dialog.addEventListener('close', () => {
    dialog.remove();
    returnTo?.focus();
  });
  root.append(dialog);
  dialog.showModal();
  return dialog;
}
