/** English strings of the composer's schedule picker (issue 20 #1); zh-CN.ts has exactly these keys. */
export const en = {
  'composer.schedule.title': 'Schedule send',
  'composer.schedule.hint':
    'Nobody receives it before then. Until then you can edit, move or cancel it in Sent; approval, if needed, comes ' +
    'first.',
  'composer.schedule.suggestions': 'Suggestions',
  'composer.schedule.inHour': 'In an hour',
  'composer.schedule.tomorrow': 'Tomorrow morning',
  'composer.schedule.monday': 'Monday morning',
  'composer.schedule.when': 'Date and time',
  'composer.schedule.zone': 'Times are in your time zone, {zone}.',
  'composer.schedule.error.past': 'Choose a time in the future.',
  'composer.schedule.error.far': 'Choose a time at most a year ahead.',
  'composer.schedule.set': 'Set time',
  'composer.schedule.cancel': 'Cancel',
  // Once a time is chosen (the chunk is loaded then): the composer's summary, Send's label, the sent status.
  'composer.schedule.change': 'Change time',
  'composer.schedule.at': 'Will be sent {time}',
  'composer.schedule.clear': 'Send now instead',
  'composer.schedule.send': 'Schedule',
  'composer.scheduled': 'Scheduled: it will be sent {time}. Change or cancel it in Sent until then.',
};
