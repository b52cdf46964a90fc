/**
 * Why a notification was not sent (`skipped` or `cancelled`): stored as English text in `lastError` (what an admin
 * reads in the outbox), and answered to the widgets as a code they translate. A transport failure has no code.
 */
export const REASONS = {
  'no-email': 'No e-mail address in the profile',
  'no-phone': 'No phone number in the profile',
  disabled: 'The account is disabled',
  confirmed: 'Confirmed',
  recalled: 'Recalled',
  deleted: 'Deleted',
  expired: 'Expired',
  'not-sent': 'The message is not sent',
  'recipient-deleted': 'Deleted by the recipient',
  'channel-off': 'The channel is turned off',
  'quiet-hours': 'Sent with the notice after quiet hours',
} as const;
export type ReasonCode = keyof typeof REASONS;
export const REASON_CODES = Object.keys(REASONS) as [ReasonCode, ...ReasonCode[]];

const byText = new Map(Object.entries(REASONS).map(([code, text]) => [text as string, code as ReasonCode]));
export const reasonOf = (lastError: string | null): ReasonCode | null =>
  lastError === null ? null : (byText.get(lastError) ?? null);
