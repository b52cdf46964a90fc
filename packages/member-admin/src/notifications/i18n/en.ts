/** English strings of the Notifications tab (R9): the reference; zh-CN.ts has exactly these keys and placeholders. */
export const en = {
  'admin.notify.title': 'Notification channels',
  'admin.notify.noSubject': '(no subject)',
  'admin.notify.intro':
    'Urgent and high-priority messages also reach people who are not looking at Herald, through these channels. ' +
    'Secrets are never shown again once saved. Every change is recorded in the audit log.',
  'admin.notify.on': 'On',
  'admin.notify.channel.email': 'E-mail',
  'admin.notify.channel.webhook': 'Webhook',
  'admin.notify.channel.sms': 'SMS gateway',
  'admin.notify.channelOn': '{channel} on',
  'admin.notify.off': '(off)',
  'admin.notify.email.host': 'SMTP server',
  'admin.notify.email.port': 'Port',
  'admin.notify.email.secure': 'TLS from the start (port 465)',
  'admin.notify.email.secureHint': 'Leave off for STARTTLS (usually port 587).',
  'admin.notify.email.username': 'User name',
  'admin.notify.email.password': 'Password',
  'admin.notify.email.from': 'From address',
  'admin.notify.email.fromHint': 'For example herald@example.com or "Herald <herald@example.com>".',
  'admin.notify.secret.saved': 'Saved — leave empty to keep',
  'admin.notify.secret.notSet': 'Not set',
  'admin.notify.secret.clear': 'Clear',
  'admin.notify.secret.keep': 'Keep the saved value',
  'admin.notify.secret.cleared': 'The saved value is removed when you save.',
  'admin.notify.webhook.url': 'Webhook URL',
  'admin.notify.webhook.secret': 'Signing secret',
  'admin.notify.webhook.generate': 'Generate',
  'admin.notify.webhook.generated':
    'A new secret was generated. Copy it to the receiver now: it is not shown again after saving.',
  'admin.notify.webhook.verify':
    'Each request carries Herald-Timestamp and Herald-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>" ' +
    'with this secret>. The receiver recomputes it, compares in constant time, refuses timestamps older than 5 ' +
    'minutes and drops a Herald-Idempotency-Key it has already seen.',
  'admin.notify.sms.url': 'Gateway URL',
  'admin.notify.sms.method': 'Method',
  'admin.notify.sms.headers': 'Headers',
  'admin.notify.sms.headerName': 'Header {n} name',
  'admin.notify.sms.headerValue': 'Header {n} value',
  'admin.notify.sms.headerSaved': 'Saved — leave empty to keep',
  'admin.notify.sms.addHeader': 'Add header',
  'admin.notify.sms.removeHeader': 'Remove header {n}',
  'admin.notify.sms.noHeaders': 'No headers.',
  'admin.notify.sms.body': 'Body template',
  'admin.notify.sms.bodyHint':
    "Placeholders: {{phone}} the recipient's number, {{text}} the short notification text, {{key}} the idempotency " +
    'key (the same on every retry). Values are escaped for the body format; in the URL they are URL-encoded. Not ' +
    'needed for GET.',
  'admin.notify.sms.bodyFormat': 'Body format',
  'admin.notify.sms.bodyFormatHint':
    'How the values are escaped in the body, and the Content-Type sent when no header sets one. With JSON, put the ' +
    'placeholders inside strings.',
  'admin.notify.sms.format.json': 'JSON',
  'admin.notify.sms.format.form': 'Form (URL-encoded)',
  'admin.notify.sms.format.text': 'Plain text',
  'admin.notify.error.passwordAgain':
    'Enter the password again: a saved password is only sent to the server it was saved for.',
  'admin.notify.error.headerAgain':
    'Enter the value again: saved header values are only sent to the gateway they were saved for.',
  'admin.notify.error.jsonTemplate': 'Put {{phone}} and {{text}} inside JSON strings.',
  'admin.notify.error.formTemplate': 'Put {{phone}} and {{text}} only in values (after "=").',
  'admin.notify.error.formatContentType':
    'The Content-Type header names another format: choose that body format, so values are escaped.',
  'admin.notify.test.send': 'Send test',
  'admin.notify.test.to': 'Send the test to',
  'admin.notify.test.toEmailHint': 'Leave empty to send it to your own address ({address}).',
  'admin.notify.test.toProfileHint': 'Leave empty to send it to your own profile.',
  'admin.notify.test.savedOnly': 'The test uses the saved settings.',
  'admin.notify.test.sending': 'Sending a test…',
  'admin.notify.test.sent': 'Test sent. Check that it arrived.',
  'admin.notify.test.failed': 'The test failed: {detail}',
  'admin.notify.test.reason.answered': 'the receiver answered {status}.',
  'admin.notify.test.reason.redirect':
    'the receiver answered with a redirect ({status}), which is not followed: use the final URL.',
  'admin.notify.test.reason.timeout': 'the receiver did not answer in time.',
  'admin.notify.test.reason.connection-refused': 'the connection was refused.',
  'admin.notify.test.reason.host-not-found': 'the host was not found.',
  'admin.notify.test.reason.connection-lost': 'the connection was lost.',
  'admin.notify.test.reason.tls': 'the secure (TLS) connection failed.',
  'admin.notify.test.reason.network': 'a network error stopped the send.',
  'admin.notify.test.reason.address-not-allowed':
    'the host is not at a public address. Herald does not connect to internal addresses unless the operator allows ' +
    'them (HERALD_OUTBOUND_ALLOW).',
  'admin.notify.test.reason.login-refused': 'the server refused the login: check the user name and password.',
  'admin.notify.test.reason.refused': 'the server refused the message ({status}).',
  'admin.notify.test.reason.settings': 'the channel settings are not complete or not valid.',
  'admin.notify.test.saveFirst': 'Save the channel turned on first.',
  'admin.notify.routing': 'Routing',
  'admin.notify.routingHint': 'Which channels each priority goes out on. A channel that is off is skipped.',
  'admin.notify.priority': 'Priority',
  'admin.notify.priority.normal': 'Normal',
  'admin.notify.priority.high': 'High',
  'admin.notify.priority.urgent': 'Urgent',
  'admin.notify.route': '{priority} by {channel}',
  'admin.notify.choice': 'What members may choose',
  'admin.notify.choiceHint':
    'Channels each member may turn on or off for themselves in "My settings". The others follow the routing above; ' +
    'urgent messages always do.',
  'admin.notify.choiceCell': 'Members may choose {channel} for {priority}',
  'admin.notify.choiceQuiet': 'Members may set quiet hours (notifications wait until they end)',
  'admin.notify.choiceQuietUrgent': 'Quiet hours may hold urgent messages too, if a member chooses so',
  'admin.notify.reminders': 'Persistent reminders',
  'admin.notify.remindersHint':
    'An urgent message that needs confirmation is sent again to those who have not confirmed, until they do.',
  'admin.notify.everyMinutes': 'Every (minutes)',
  'admin.notify.times': 'Times',
  'admin.notify.timesHint': '0 = no reminders.',
  'admin.notify.maxAttempts': 'Attempts per delivery',
  'admin.notify.maxAttemptsHint': 'After this many failed attempts a delivery is listed under failed deliveries.',
  'admin.notify.link': 'Open link',
  'admin.notify.defaultLocale': 'Language when the profile has none',
  'admin.notify.defaultLocaleHint':
    "E-mails and SMS go out in each person's language; this one is for people without a language in their profile.",
  'admin.notify.locale.en': 'English',
  'admin.notify.locale.zh-CN': '简体中文',
  // Issue 19 item 4.
  'admin.notify.externalEmail': 'E-mail every message to contacts without portal access',
  'admin.notify.externalEmailHint':
    'At any priority, with links to its files and to a page where they read the conversation and reply. The links ' +
    'work once, expire and can be revoked by the sender.',
  'admin.notify.linkHint':
    'Adds an "Open" link to e-mails and SMS; {{messageId}} is replaced by the message. Empty = no link.',
  'admin.notify.saved': 'Notification settings saved.',
  'admin.notify.dead.title': 'Failed deliveries',
  'admin.notify.dead.summary': '{pending} waiting · {dead} failed',
  'admin.notify.dead.empty': 'No failed deliveries.',
  'admin.notify.dead.subject': 'Message',
  'admin.notify.dead.recipient': 'Recipient',
  'admin.notify.dead.channel': 'Channel',
  'admin.notify.dead.attempts': 'Attempts',
  'admin.notify.dead.error': 'Last error',
  'admin.notify.dead.time': 'Time',
  'admin.notify.dead.select': 'Select {subject} to {name}',
  'admin.notify.dead.selectAll': 'Select all shown',
  'admin.notify.dead.retrySelected': 'Retry selected ({count})',
  'admin.notify.dead.retryAll': 'Retry all',
  'admin.notify.dead.retried': '{count} deliveries are back in the queue.',
  'admin.notify.dead.reminderRound': 'reminder {round}',
} as const;
