// What the Drafts view shows of a draft (issue 20 #2), read from the composer's loosely checked `data` with the
// rich-text contract's untrusted-input helpers: own properties only, strings only, bounded lengths.
import { own, ownArray, ownString, plainTextOf, previewOf } from '@herald/rich-text';

/** How many recipients' names a summary names (then "and N more" from the count). */
export const SUMMARY_NAMES = 3;
const NAME_CHARS = 80;
const SUBJECT_CHARS = 200;

export type DraftSummary = {
  /** The subject on one line ('' when none: the view says "(no subject)"). */
  subject: string;
  /** How many recipients are picked, and the first names. */
  recipientCount: number;
  recipientNames: string[];
  /** The body's first words (the list's preview line, as a sent message's: `previewOf`). */
  preview: string;
  attachmentCount: number;
};

const oneLine = (text: string, max: number) => text.replace(/\s+/gu, ' ').trim().slice(0, max);

export function draftSummary(data: unknown): DraftSummary {
  const recipients = ownArray(data, 'recipients');
  const names = recipients
    .map((r) => ownString(r, 'name'))
    .filter((name): name is string => !!name?.trim())
    .slice(0, SUMMARY_NAMES)
    .map((name) => oneLine(name, NAME_CHARS));
  return {
    subject: oneLine(ownString(data, 'subject') ?? '', SUBJECT_CHARS),
    recipientCount: recipients.length,
    recipientNames: names,
    preview: previewOf(plainTextOf(own(data, 'body'))),
    attachmentCount: ownArray(data, 'attachments').length,
  };
}
