// Opening "My settings" from a panel (issue 20; `@herald/client/my-settings`): this module and the element load only
// when asked (a dynamic import in the panel that offers it: the inbox), so no widget's first load carries them.
import './define.js';

/**
 * Shows `<herald-my-settings>` in a modal dialog inside `opener`'s shadow root, so that it finds the opener's provider
 * (context travels up the composed tree) and speaks its language. Escape or "Close" ends it; focus goes back to where
 * it was. The panel draws its own "Close" button and names the dialog. Answers the dialog (removed once closed).
 */
export function openMySettings(opener: HTMLElement): HTMLDialogElement {
  const root = opener.shadowRoot ?? opener;
  const returnTo = (opener.shadowRoot?.activeElement ?? document.activeElement) as HTMLElement | null;
  const dialog = document.createElement('dialog');
  dialog.setAttribute('part', 'my-settings-dialog');
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
