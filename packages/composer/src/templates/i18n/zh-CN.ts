import type { en } from './en.js';

/** 模板选择器的中文文本（issue 19）；与 en.ts 的键一一对应。 */
export const zhCN: Record<keyof typeof en, string> = {
  'composer.templates.use.title': '使用模板',
  'composer.templates.search': '搜索模板',
  'composer.templates.search.hint': '输入名称或主题，支持拼音和拼音首字母。',
  'composer.templates.list': '模板',
  'composer.templates.count': '共 {count} 个模板',
  'composer.templates.count.one': '共 {count} 个模板',
  'composer.templates.none': '没有匹配的模板。',
  'composer.templates.loading': '正在加载模板…',
  'composer.templates.scope.organisation': '组织',
  'composer.templates.scope.personal': '我的',
  'composer.templates.cancel': '取消',
  'composer.templates.save.title': '存为模板',
  'composer.templates.name': '模板名称',
  'composer.templates.name.required': '请填写模板名称。',
  'composer.templates.share': '谁可以使用',
  'composer.templates.share.personal': '仅自己',
  'composer.templates.share.organisation': '组织内所有人',
  'composer.templates.save.hint':
    '保存主题、正文、类型、优先级、有效期、回执、截止时间和收件人（不含附件）。主题或正文中的 {placeholders} ' +
    '会按每位收件人自动填写。',
  'composer.templates.save.submit': '保存模板',
  'composer.templates.saving': '正在保存…',
  'composer.templates.applied': '已套用模板“{name}”：发送前请核对收件人和日期。',
  'composer.templates.saved': '已存为模板“{name}”。',
};
