/**
 * English strings of the urgent alert's dialog, loaded with it (issue 16): the reference; zh-CN.ts has exactly these
 * keys and placeholders.
 */
export const en = {
  'alert.urgent': 'Urgent message',
  'alert.reminder': 'Reminder',
  'alert.position': '{index} of {total}',
  'alert.from': 'From {name}',
  'alert.sentAt': 'Sent {time}',
  'alert.receiptRequired': 'Please confirm that you have read this message.',
  'alert.open': 'Open',
  'alert.confirm': 'Confirm',
  'alert.confirming': 'Confirming…',
  'alert.confirmed': 'Confirmed.',
  'alert.later': 'Later',
  'alert.announce': 'Urgent message from {name}: {subject}',
  'alert.announceReminder': 'Reminder from {name}: {subject}',
  'alert.noSubject': '(no subject)',
} as const;
