/**
 * English strings of <herald-sign-in> (sign-in and forced password change): the reference; zh-CN.ts has exactly these
 * keys and placeholders.
 */
export const en = {
  'signIn.title': 'Sign in to Herald',
  'signIn.login': 'Employee number, e-mail or user name',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.submitting': 'Signing in…',
  'signIn.required': 'Enter your employee number, e-mail or user name, and your password.',
  'signIn.done': 'You are signed in as {name}.',
  'passwordChange.title': 'Choose a new password',
  'passwordChange.intro': 'You must change your password before you continue.',
  'passwordChange.current': 'Current password',
  'passwordChange.next': 'New password',
  'passwordChange.confirm': 'Confirm new password',
  'passwordChange.hint': 'At least {min} characters.',
  'passwordChange.submit': 'Change password',
  'passwordChange.submitting': 'Changing password…',
  'passwordChange.tooShort': 'The new password must have at least {min} characters.',
  'passwordChange.mismatch': 'The two new passwords do not match.',
  'passwordChange.required': 'Fill in all three fields.',
} as const;
