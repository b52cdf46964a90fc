/** English strings of the composer's forward block (issue 20 #4); zh-CN.ts has exactly these keys. */
export const en = {
  'composer.forward.title': 'Forwarded message',
  'composer.forward.from': 'Forwarded from {sender}, {date}',
  'composer.forward.subject': 'Subject: {subject}',
  'composer.forward.subjectPrefix': 'Fwd: ',
  'composer.forward.files': 'Files forwarded with it',
  'composer.forward.hint':
    'Your text goes above the forwarded message. It is sent as you read it; its recipients and history are not.',
  'composer.forward.loading': 'Loading the message to forward…',
  'composer.forward.failed': 'The message cannot be forwarded: {reason}',
  'composer.forward.drop': 'Do not forward it',
  'composer.forward.dropped': 'The forwarded message was removed; your text stays.',
  'composer.forward.notReady': 'The message to forward is not loaded yet: wait, or remove it.',
};
