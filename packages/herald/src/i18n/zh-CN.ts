import type { en } from './en.js';

/** 简体中文（<herald-sign-in>） */
export const zhCN: Record<keyof typeof en, string> = {
  'signIn.title': '登录 Herald',
  'signIn.login': '工号、电子邮箱或用户名',
  'signIn.password': '密码',
  'signIn.submit': '登录',
  'signIn.submitting': '正在登录…',
  'signIn.required': '请输入工号、电子邮箱或用户名以及密码。',
  'signIn.done': '您已登录为 {name}。',
  'passwordChange.title': '设置新密码',
  'passwordChange.intro': '继续之前，您必须修改密码。',
  'passwordChange.current': '当前密码',
  'passwordChange.next': '新密码',
  'passwordChange.confirm': '确认新密码',
  'passwordChange.hint': '至少 {min} 个字符。',
  'passwordChange.submit': '修改密码',
  'passwordChange.submitting': '正在修改密码…',
  'passwordChange.tooShort': '新密码至少需要 {min} 个字符。',
  'passwordChange.mismatch': '两次输入的新密码不一致。',
  'passwordChange.required': '请填写全部三个字段。',
};
