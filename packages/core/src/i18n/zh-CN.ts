import type { en } from './en.js';

/** 简体中文（共用） */
export const zhCN: Record<keyof typeof en, string> = {
  'common.signedInAs': '当前用户：{name}',
  'common.loading': '正在加载…',
  'common.empty': '暂无内容。',
  'common.signedOut': '您尚未登录 Herald。',
  'common.retrying': 'Herald 会自动重试，问题解决后立即恢复。',
  'common.retryNow': '立即重试',
  'common.mySettings': '我的设置',
  'common.unavailable': 'Herald 不可用',
  'common.uploadInterrupted': '上传已中断。请移除该文件后重新添加。',
  'common.uploadsFailed': '有文件未上传成功：请先移除（或重新添加）后再发送。',
  // What a problem says when the problem catalogue (problems/, on demand) cannot load: the network is down.
  'problem.generic': '出现问题，请重试。',
  'problem.unavailable': 'Herald 暂时不可用，请稍后重试。',
  'problem.network': '无法连接 Herald，请检查网络后重试。',
  'richText.linkWarning.unlisted': '此链接指向未列入白名单的网站，请确认可信后再打开。',
  'richText.linkWarning.lookalike': '此链接的地址仿冒了其他网站的名称，请谨慎。',
  'richText.linkCaution.unlisted': '注意：此链接指向组织信任名单之外的网站。',
  'richText.linkCaution.lookalike': '注意：此链接的地址在模仿其他网站的名称。',
};
