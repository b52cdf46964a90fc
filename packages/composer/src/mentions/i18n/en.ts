/** English strings of the composer's mention warning (issue 19 #3); zh-CN.ts has exactly these keys. */
export const en = {
  'composer.mentions.notRecipients': 'Mentioned but not a recipient — they will not be told:',
  'composer.mentions.add': 'Add as recipient',
  'composer.mentions.addNamed': 'Add as recipient: {name}',
};
