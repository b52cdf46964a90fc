/**
 * English texts of problems and field errors (problem.*, field.*), shared by every element and loaded on demand: when
 * an element first shows a problem, or when the page is idle after its first render (issue 16: the first render does
 * not wait for them). The reference; zh-CN.ts has exactly these keys and placeholders.
 */
export const en = {
  'problem.validation': 'Some fields are not valid. Check them and try again.',
  'problem.not-found': 'This item does not exist or was removed.',
  'problem.unauthenticated': 'Please sign in to continue.',
  'problem.invalid-credentials': 'The login or password is wrong.',
  'problem.too-many-attempts': 'Too many attempts. Try again later.',
  'problem.too-many-attempts.retry': 'Too many attempts. Try again in {seconds} s.',
  'problem.password-change-required': 'You must change your password before you continue.',
  'problem.password-too-weak': 'This password is too weak. Choose a longer, less common one.',
  'problem.password-too-weak.length': 'Use 10 to 128 characters.',
  'problem.password-too-weak.variety': 'Use more different characters.',
  'problem.password-too-weak.common':
    'This is one of the most common passwords, which attackers try first. Choose another.',
  'problem.password-too-weak.personal': 'Do not use your name, employee number or e-mail in the password.',
  'problem.password-reused': 'You used this password before. Choose a new one.',
  'problem.wrong-password': 'The current password is wrong.',
  'problem.csrf-failed': 'Your session check failed. Reload the page and try again.',
  'problem.forbidden': 'You are not allowed to do this.',
  'problem.forbidden.exceeds-own-rights': 'You can only hand out permissions you hold yourself, where you hold them.',
  'problem.forbidden.beyond-own-rights':
    'This person holds rights you do not have; an admin who holds them must make this change.',
  'problem.forbidden.members-app-super-admin-only':
    'Only a super admin registers or changes an embed app that speaks for members.',
  'problem.token-expired': 'Your session has expired. Reload the page.',
  'problem.token-invalid': 'The sign-in token this page gave Herald is not valid (a setup problem of this site).',
  'problem.token-invalid.unknown-subject':
    'Herald does not know the person this page signed in. An administrator must add them to Herald (or give the ' +
    'contact portal access) first.',
  'problem.origin-not-allowed':
    "This site ({origin}) is not registered with Herald. An administrator must add it to the embed app's allowed " +
    'origins.',
  'problem.token-provider-failed': 'This page could not get a sign-in token for Herald from its own server.',
  'problem.token-provider-failed.status':
    "This page's own token service (not Herald) answered HTTP {status}, so Herald cannot sign you in.",
  'problem.token-provider-failed.not-a-token':
    "This page's own token service answered something that is not a sign-in token.",
  'problem.no-token-provider':
    "This page turned Herald's sign-in off but gives Herald no sign-in token (tokenProvider or token-url on " +
    '<herald-provider>).',
  'problem.cookies-cross-origin':
    'Signing in with a password works only on pages served by Herald: browsers never send its sign-in cookie from ' +
    'another site. This page must give Herald a token instead.',
  'problem.subject-disabled': 'Your account is disabled. Contact your administrator.',
  'problem.conflict': 'Someone else changed this in the meantime. Reload and try again.',
  'problem.payload-too-large': 'This is too large to upload.',
  'problem.internal': 'The server had a problem. Please try again later.',
  'problem.method-not-allowed': 'This action is not supported here.',
  'problem.unsupported-media-type': 'This file or request format is not supported.',
  // Issue 17: the server's storage (507 storage-full, 503 storage-unavailable, 503 storage-corrupt); nothing was saved.
  'problem.storage-full':
    "Herald's storage is full, so this was not saved. Tell your administrator; try again once space is freed.",
  'problem.storage-unavailable':
    'Herald cannot reach its storage right now, so this was not saved. Please try again in a moment.',
  'problem.storage-corrupt':
    "Herald's data needs repair by an administrator, so this was not saved. Please tell your administrator.",
  'problem.busy': 'Herald is busy with other work right now, so this was not saved. Please try again in a moment.',
  'problem.link-unusable': 'This link can no longer be used. Ask the sender for a new link.',
  // Field errors of a validation problem, by `errors[].code` (docs/api.md, "Errors").
  'field.required': 'Required.',
  'field.too-short': 'Too short.',
  'field.too-long': 'Too long.',
  'field.too-small': 'Too small.',
  'field.too-big': 'Too large.',
  'field.too-few': 'Choose more.',
  'field.too-many': 'Too many.',
  'field.invalid-type': 'Not a valid value.',
  'field.invalid-format': 'The format is not valid.',
  'field.invalid-value': 'Not an accepted value.',
  'field.invalid-email': 'Enter a valid e-mail address.',
  'field.invalid-phone': 'Enter a mainland mobile number (11 digits) or an international number starting with +.',
  'field.unknown-field': 'Not a field this form accepts.',
  'field.duplicate': 'Already in use.',
  'field.unknown-department': 'No such department.',
  'field.unknown-position': 'No such position.',
  'field.unknown-member': 'No such active member.',
  'field.unknown-contact': 'No such contact.',
  'field.unknown-role': 'No such role.',
  'field.out-of-scope': 'Outside the departments you manage.',
  'field.address-not-allowed':
    'Not a public address. Herald connects to internal addresses only where the operator allows them.',
  'problem.invalid-move': 'A department cannot move into its own sub-departments.',
  'problem.department-not-empty': 'This department still has sub-departments or members. Empty it first.',
  'problem.in-use': 'This is still in use and cannot be deleted.',
  'problem.not-a-spreadsheet': 'This file is not an .xlsx or .csv spreadsheet.',
  'problem.spreadsheet-unreadable': 'The spreadsheet cannot be read (damaged, password-protected or empty).',
  'problem.spreadsheet-too-large': 'The spreadsheet is too large (at most 20 MB and 50,000 rows).',
  'problem.import-has-errors': 'Fix the rows with errors before confirming.',
  'problem.import-already-committed': 'This import was already confirmed.',
  'problem.attachment-too-large': 'The file is larger than 50 MB.',
  'problem.message-too-large': 'The attachments add up to more than 200 MB.',
  'problem.file-type-refused': 'This kind of file cannot be attached (programs, scripts, HTML and SVG are refused).',
  'problem.idempotency-key-reused': 'This send was already used for a different message. Reload and try again.',
  'problem.no-recipients': 'The message reaches nobody. Choose other recipients.',
  'problem.recall-window-passed': 'The time to recall this message has passed.',
  'problem.edit-window-passed': 'The time to change this has passed.',
  'problem.batch-too-large': 'At most 1,000 messages at once. Narrow the selection.',
  'problem.remind-too-soon': 'Recipients were reminded a moment ago. Try again in a few minutes.',
  'problem.notify-test-failed':
    "The test notification could not be sent. Check the settings and the receiver's answer.",
  'problem.verification-unavailable': 'No code can be sent to this kind of address here: ask an administrator.',
  'problem.verification-failed': 'The code is wrong or has expired.',
  'problem.verification-send-failed': 'The code could not be sent. Check the address and try again later.',
  'field.not-in-mailbox': 'This message is not in your mailbox.',
  'field.unknown-tag': 'No such tag.',
  'field.tag-too-deep': 'Tags nest at most 10 levels deep.',
  'field.tag-cycle': 'A tag cannot be moved under itself.',
  'problem.message-recalled': 'This message was recalled.',
  'field.unknown-group': 'No such group (or it has ended).',
  'field.unknown-attachment': 'This attachment is not available; upload it again.',
  'field.contact-needs-external': 'External contacts can only receive external messages.',
  'field.link-scheme': 'Only http, https and mailto links are allowed.',
  'field.link-blocked': 'Links to this site are blocked.',
  'field.link-invalid': 'This link is not a valid address.',
} as const;
