// The host page's own script: a language switch and a sign-out button. No inline script: the page runs
// under `script-src 'self'`.
const provider = document.getElementById('herald');
const locale = document.getElementById('locale');
const signOut = document.getElementById('sign-out');
const inbox = document.getElementById('inbox');

const saved = localStorage.getItem('herald-example-locale');
if (saved) { locale.value = saved; }
const applyLocale = () => {
  provider.setAttribute('locale', locale.value);
  document.documentElement.lang = locale.value;
  localStorage.setItem('herald-example-locale', locale.value);
};
locale.addEventListener('change', applyLocale);
applyLocale();

provider.addEventListener('herald-session-start', () => { signOut.hidden = false; });
provider.addEventListener('herald-session-end', () => { signOut.hidden = true; });
signOut.addEventListener('click', async () => {
  await customElements.whenDefined('herald-provider');
  await provider.signOut();
});

// The urgent alert's "Open" (or a click on its desktop notification): the inbox shows that message.
provider.addEventListener('herald-message-open', async (event) => {
  if (event.target.localName !== 'herald-urgent-alert') return; // the inbox's own opens are its business
  await customElements.whenDefined('herald-inbox');
  inbox.open(event.detail.messageId);
  inbox.scrollIntoView({ block: 'start' });
});
