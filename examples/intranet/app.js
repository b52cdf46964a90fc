// The host page's own script: a language switch and a sign-out button. No inline script: the page runs
// under `script-src 'self'`.
const provider = document.getElementById('herald');
const locale = document.getElementById('locale');
const signOut = document.getElementById('sign-out');
const inbox = document.getElementById('inbox');

const saved = localStorage.getItem('herald-example-locale');
if (saved) {
  locale.value = saved;
}
// The page's own words (the Herald elements translate themselves).
const PAGE_WORDS = {
  'zh-CN': {
    tagline: '员工门户示例',
    nav: ['收件箱', '写消息', '审批', '管理'],
    navLabel: '门户',
    language: '语言',
    signOut: '退出登录',
  },
  en: {
    tagline: 'staff portal example',
    nav: ['Inbox', 'Compose', 'Approvals', 'Admin'],
    navLabel: 'Portal',
    language: 'Language',
    signOut: 'Sign out',
  },
};
const applyPageWords = (lang) => {
  const words = PAGE_WORDS[lang] ?? PAGE_WORDS.en;
  document.querySelector('.tagline').textContent = words.tagline;
  const nav = document.querySelector('.portal-nav');
  nav.setAttribute('aria-label', words.navLabel);
  nav.querySelectorAll('a').forEach((a, i) => {
    a.textContent = words.nav[i];
  });
  document
    .querySelectorAll('main.portal > section')
    .forEach((section, i) => section.setAttribute('aria-label', words.nav[i]));
  locale.labels[0].firstChild.textContent = `${words.language} `;
  signOut.textContent = words.signOut;
};
const applyLocale = () => {
  applyPageWords(locale.value);
  provider.setAttribute('locale', locale.value);
  document.documentElement.lang = locale.value;
  localStorage.setItem('herald-example-locale', locale.value);
};
locale.addEventListener('change', applyLocale);
applyLocale();

provider.addEventListener('herald-session-start', () => {
  signOut.hidden = false;
});
provider.addEventListener('herald-session-end', () => {
  signOut.hidden = true;
});
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

// Issue 20 #4: the reading pane's Forward (or `f`): the composer opens with the message to forward.
const composer = document.querySelector('herald-composer');
provider.addEventListener('herald-message-forward', async (event) => {
  await customElements.whenDefined('herald-composer');
  document.getElementById('compose').scrollIntoView({ block: 'start' });
  await composer.forward(event.detail.messageId);
});

// Issue 20 #2: a draft chosen in the inbox's Drafts view is continued in the composer beside it.
provider.addEventListener('herald-draft-open', async (event) => {
  await customElements.whenDefined('herald-composer');
  document.getElementById('compose').scrollIntoView({ block: 'start' });
  await composer.openDraft(event.detail.draftId);
});
