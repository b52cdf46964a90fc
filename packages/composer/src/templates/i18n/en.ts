/** English strings of the composer's template picker (issue 19); zh-CN.ts has exactly these keys. */
export const en = {
  'composer.templates.use.title': 'Use a template',
  'composer.templates.search': 'Search templates',
  'composer.templates.search.hint': 'Name or subject; pinyin and its initials work too.',
  'composer.templates.list': 'Templates',
  'composer.templates.count': '{count} templates',
  'composer.templates.count.one': '{count} template',
  'composer.templates.none': 'No template matches.',
  'composer.templates.loading': 'Loading templates…',
  'composer.templates.scope.organisation': 'Organisation',
  'composer.templates.scope.personal': 'Mine',
  'composer.templates.cancel': 'Cancel',
  'composer.templates.save.title': 'Save as template',
  'composer.templates.name': 'Template name',
  'composer.templates.name.required': 'Give the template a name.',
  'composer.templates.share': 'Who can use it',
  'composer.templates.share.personal': 'Only me',
  'composer.templates.share.organisation': 'Everyone in the organisation',
  'composer.templates.save.hint':
    'Saves the subject, text, kind, priority, expiry, receipt, due date and recipients (not the attachments). ' +
    '{placeholders} in the subject or text are filled in for each recipient.',
  'composer.templates.save.submit': 'Save template',
  'composer.templates.saving': 'Saving…',
  'composer.templates.applied': 'Template “{name}” applied: check the recipients and dates before sending.',
  'composer.templates.saved': 'Saved as the template “{name}”.',
};
