// The contact page's words, in both locales (the page is served by Herald, not by the widgets' catalogues).
import type { LinkFlag } from '../messages/content/index.js';
import type { Unusable } from './service.js';

export type PageLocale = 'en' | 'zh-CN';
export type PageStrings = {
  lang: PageLocale;
  openTitle: string;
  openIntro: string;
  openButton: string;
  unusableTitle: string;
  unusable: Record<Unusable, string>;
  askSender: string;
  tooMany: string;
  notFound: string;
  files: string;
  recalled: string;
  expired: string;
  replyLabel: string;
  replyButton: string;
  replySent: string;
  sessionNote: (until: string) => string;
  signOut: string;
  signedOutTitle: string;
  signedOut: string;
  linkWarnings: Record<LinkFlag, string>;
};

/** Any Chinese (the contact's language, else the browser's first choice) reads zh-CN; anything else en. */
export const pageLocale = (value: string | null): PageLocale =>
  value?.trim().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';

export const PAGE_STRINGS: Record<PageLocale, PageStrings> = {
  en: {
    lang: 'en',
    openTitle: 'Open the conversation',
    openIntro:
      'This link opens the conversation once, on this device, for a limited time. Then it can no longer be used.',
    openButton: 'Open the conversation',
    unusableTitle: 'This link can no longer be used',
    unusable: {
      unknown: 'This link is not valid.',
      used: 'This link was already opened. Each link opens the conversation only once.',
      revoked: 'The sender has withdrawn this link.',
      expired: 'This link has expired.',
      'session-ended': 'Your time on this conversation has ended.',
      'message-gone': 'This message is no longer available.',
    },
    askSender: 'Ask the sender for a new link.',
    tooMany: 'Too many attempts. Please try again later.',
    notFound: 'Nothing was found at this address.',
    files: 'Files',
    recalled: 'The sender recalled this message.',
    expired: 'This message has expired.',
    replyLabel: 'Your reply',
    replyButton: 'Send reply',
    replySent: 'Your reply was sent.',
    sessionNote: (until) => `You can read and reply here until ${until}. Do not share this page.`,
    signOut: 'Sign out',
    signedOutTitle: 'Signed out',
    signedOut: 'You have left the conversation on this device. The link you used cannot open it again.',
    linkWarnings: {
      unlisted: 'This link leads to a site outside the approved list. Open it only if you trust it.',
      lookalike: "This link's address imitates another site's name. Be careful.",
    },
  },
  'zh-CN': {
    lang: 'zh-CN',
    openTitle: '打开会话',
    openIntro: '此链接只能在本设备上打开一次会话，且有时间限制，之后即失效。',
    openButton: '打开会话',
    unusableTitle: '此链接已无法使用',
    unusable: {
      unknown: '此链接无效。',
      used: '此链接已被打开过。每个链接只能打开一次会话。',
      revoked: '发件人已撤销此链接。',
      expired: '此链接已过期。',
      'session-ended': '您在此会话的访问时间已结束。',
      'message-gone': '此消息已不可查看。',
    },
    askSender: '请向发件人索取新链接。',
    tooMany: '尝试次数过多，请稍后重试。',
    notFound: '此地址没有内容。',
    files: '附件',
    recalled: '发件人已撤回此消息。',
    expired: '此消息已过期。',
    replyLabel: '您的回复',
    replyButton: '发送回复',
    replySent: '您的回复已发送。',
    sessionNote: (until) => `您可在 ${until} 前在此阅读和回复。请勿分享此页面。`,
    signOut: '退出',
    signedOutTitle: '已退出',
    signedOut: '您已在本设备上退出此会话。您使用的链接无法再次打开它。',
    linkWarnings: {
      unlisted: '此链接指向未列入白名单的网站，请确认可信后再打开。',
      lookalike: '此链接的地址仿冒了其他网站的名称，请谨慎。',
    },
  },
};
