import type { en } from './en.js';

/** 写消息的定时发送选择器（issue 20 #1）的中文。 */
export const zhCN: Record<keyof typeof en, string> = {
  'composer.schedule.title': '定时发送',
  'composer.schedule.hint': '到时间之前没有人会收到。在此之前可在“已发送”中修改、改期或取消；需要审批的消息先审批。',
  'composer.schedule.suggestions': '推荐时间',
  'composer.schedule.inHour': '一小时后',
  'composer.schedule.tomorrow': '明天上午',
  'composer.schedule.monday': '下周一上午',
  'composer.schedule.when': '日期和时间',
  'composer.schedule.zone': '时间按你所在的时区（{zone}）。',
  'composer.schedule.error.past': '请选择将来的时间。',
  'composer.schedule.error.far': '最多只能提前一年。',
  'composer.schedule.set': '确定',
  'composer.schedule.cancel': '取消',
  // Once a time is chosen (the chunk is loaded then): the composer's summary, Send's label, the sent status.
  'composer.schedule.change': '修改时间',
  'composer.schedule.at': '将于 {time} 发送',
  'composer.schedule.clear': '改为立即发送',
  'composer.schedule.send': '定时发送',
  'composer.scheduled': '已定时：将于 {time} 发送。在此之前可在“已发送”中修改或取消。',
};
