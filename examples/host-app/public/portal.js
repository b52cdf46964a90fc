// The customer portal's own script (no inline script: the page runs under `script-src 'self'`). The embed token
// comes from this site's back end by POST and stays in memory: never in a cookie, localStorage or a URL.
const provider = document.getElementById('herald');
const inbox = document.getElementById('inbox');
const locale = document.getElementById('locale');

provider.tokenProvider = async () => {
  const res = await fetch('/token', { method: 'POST' });
  // With its `status`, Herald's elements name the failure: "this page's own token service answered HTTP 500".
  if (!res.ok) throw Object.assign(new Error(`token endpoint answered ${res.status}`), { status: res.status });
  return res.text();
};

const saved = localStorage.getItem('herald-portal-locale');
if (saved) locale.value = saved;
const applyLocale = () => {
  provider.setAttribute('locale', locale.value);
  document.documentElement.lang = locale.value;
  localStorage.setItem('herald-portal-locale', locale.value);
};
locale.addEventListener('change', applyLocale);
applyLocale();

// The urgent alert's "Open" (or a desktop notification's click): the inbox shows that message.
provider.addEventListener('herald-message-open', async (event) => {
  if (event.target.localName !== 'herald-urgent-alert') return; // the inbox's own opens are its business
  await customElements.whenDefined('herald-inbox');
  inbox.open(event.detail.messageId);
});
