import { ApiBase, HeraldProblem, memberMentionSearch, type DownloadedFile } from '@herald/client';
import type {
  ContactLink,
  EditInput,
  MailboxStateAnswer,
  MessageReach,
  ProgressInput,
  RecipientState,
  RecipientsPage,
  RemindAnswer,
  RemindState,
  ReplyInput,
  Revision,
  Thread,
  UploadedAttachment,
  ViewedMessage,
} from './message-types.js';

const seg = (id: string) => encodeURIComponent(id);

/**
 * The routes of the reading pane, through the client's authenticated fetch (bearer token in a header, or cookie +
 * CSRF): never a token in a URL, so attachments and exports are fetched as blobs. Non-2xx answers throw a
 * HeraldProblem.
 */
export class MessageApi extends ApiBase {
  /** Members for the @mentions of the reply box and the edit dialog. */
  readonly searchMentions = memberMentionSearch(this.client);
  message = (id: string, signal?: AbortSignal) => this.call<ViewedMessage>('GET', `/messages/${seg(id)}`, { signal });
  thread = (id: string, signal?: AbortSignal) => this.call<Thread>('GET', `/messages/${seg(id)}/thread`, { signal });
  revisions = async (id: string) =>
    (await this.call<{ items: Revision[] }>('GET', `/messages/${seg(id)}/revisions`)).items;

  markRead = (id: string) => this.call<MailboxStateAnswer>('POST', `/mailbox/${seg(id)}/read`);
  markUnread = (id: string) => this.call<MailboxStateAnswer>('DELETE', `/mailbox/${seg(id)}/read`);
  confirm = (id: string) => this.call<MailboxStateAnswer>('POST', `/mailbox/${seg(id)}/confirm`);
  progress = (id: string, input: ProgressInput) =>
    this.call<MailboxStateAnswer>('PUT', `/mailbox/${seg(id)}/progress`, { json: input });

  reply = (id: string, input: ReplyInput, idempotencyKey: string) =>
    this.call<ViewedMessage>('POST', `/messages/${seg(id)}/replies`, {
      json: input,
      headers: { 'Idempotency-Key': idempotencyKey },
    });

  recipients = (
    id: string,
    query: { state?: RecipientState; department?: string | null; cursor?: string | null; limit?: number } = {},
  ) =>
    this.call<RecipientsPage>('GET', `/messages/${seg(id)}/recipients`, {
      query: { state: query.state, department: query.department, cursor: query.cursor, limit: query.limit },
    });
  /** `department`: only those of one department (a bar of the reach chart, issue 24). */
  remind = (id: string, state: RemindState, department?: string | null) =>
    this.call<RemindAnswer>('POST', `/messages/${seg(id)}/remind`, {
      json: department ? { state, department } : { state },
    });
  /** The message at a glance: read and confirmed over time, per department, progress (issue 24). */
  reach = (id: string, signal?: AbortSignal) =>
    this.call<MessageReach>('GET', `/messages/${seg(id)}/reach`, { signal });
  exportRecipients = (id: string): Promise<DownloadedFile> => this.download(`/messages/${seg(id)}/recipients/export`);
  /** Issue 19 item 4: the links e-mailed to contacts without portal access, and taking them back. */
  contactLinks = async (id: string) =>
    (await this.call<{ items: ContactLink[] }>('GET', `/messages/${seg(id)}/contact-links`)).items;
  revokeContactLinks = (id: string, contactId: string) =>
    this.call<{ revoked: number }>('POST', `/messages/${seg(id)}/contact-links/revoke`, { json: { contactId } });

  edit = (id: string, input: EditInput) => this.call<ViewedMessage>('PATCH', `/messages/${seg(id)}`, { json: input });
  recall = (id: string) => this.call<ViewedMessage>('POST', `/messages/${seg(id)}/recall`);
  remove = (id: string) => this.call<void>('DELETE', `/messages/${seg(id)}`);
  /** Issue 20 #1: another time for a scheduled message, or cancel it. */
  reschedule = (id: string, scheduledAt: number) =>
    this.call<ViewedMessage>('PUT', `/messages/${seg(id)}/schedule`, { json: { scheduledAt } });
  cancelSchedule = (id: string) => this.call<ViewedMessage>('DELETE', `/messages/${seg(id)}/schedule`);
  sendScheduledNow = (id: string) => this.call<ViewedMessage>('POST', `/messages/${seg(id)}/schedule/send-now`);

  /** The file as an attachment (Content-Disposition names it). */
  attachment = (id: string): Promise<DownloadedFile> => this.download(`/attachments/${seg(id)}`);

  /** Uploads one file for a reply, with progress; `signal` cancels it. */
  async upload(
    file: File,
    options: { onProgress?: (loaded: number, total: number) => void; signal?: AbortSignal } = {},
  ): Promise<UploadedAttachment> {
    const response = await this.client.upload(
      `/attachments?${new URLSearchParams({ name: file.name })}`,
      file,
      options,
    );
    if (!response.ok) throw await HeraldProblem.fromResponse(response);
    return (await response.json()) as UploadedAttachment;
  }

  deleteAttachment = (id: string) => this.call<void>('DELETE', `/attachments/${seg(id)}`);
}
