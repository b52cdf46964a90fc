import { ApiBase, HeraldProblem } from '@herald/client';
import type {
  Attachment,
  AudienceCount,
  AudienceEntry,
  DirectoryItem,
  Draft,
  ForwardInput,
  ForwardOriginal,
  Message,
  MessageKind,
  MessageTemplate,
  NewTemplate,
  MessagingSettings,
  SendInput,
} from './types.js';

/** Defaults while `GET /settings/messaging` has not answered (docs/api.md). */
export const DEFAULT_LIMITS = { maxFileBytes: 50 * 1024 * 1024, maxMessageBytes: 200 * 1024 * 1024 };

/**
 * The messaging routes the composer calls, through the client's authenticated fetch (bearer token or cookie +
 * CSRF); uploads go through `client.upload` for progress. Every non-2xx answer is thrown as a HeraldProblem.
 */
export class ComposerApi extends ApiBase {
  directory = async (q: string, kinds: string[], signal?: AbortSignal, limit = 10): Promise<DirectoryItem[]> =>
    (
      await this.call<{ items: DirectoryItem[] }>('GET', '/directory', {
        query: { q, kinds: kinds.join(','), limit },
        signal,
      })
    ).items;

  /** `mentions` (issue 19 #3): member ids the body mentions, answered in `unreachedMentions`. */
  audience = (kind: MessageKind, audience: AudienceEntry[], signal?: AbortSignal, mentions?: string[]) =>
    this.call<AudienceCount>('POST', '/messages/audience', {
      json: mentions ? { kind, audience, mentions } : { kind, audience },
      signal,
    });

  send = (input: SendInput, idempotencyKey: string) =>
    this.call<Message>('POST', '/messages', { json: input, headers: { 'Idempotency-Key': idempotencyKey } });

  /** Issue 20 #4: the message to forward, and forwarding it. */
  message = (id: string) => this.call<ForwardOriginal>('GET', `/messages/${encodeURIComponent(id)}`);
  forward = (id: string, input: ForwardInput, idempotencyKey: string) =>
    this.call<Message>('POST', `/messages/${encodeURIComponent(id)}/forward`, {
      json: input,
      headers: { 'Idempotency-Key': idempotencyKey },
    });

  settings = () => this.call<MessagingSettings>('GET', '/settings/messaging');

  drafts = async <D>() => (await this.call<{ items: Draft<D>[] }>('GET', '/drafts')).items;
  /** Issue 20 #2: one draft, to continue it. */
  draft = <D>(id: string) => this.call<Draft<D>>('GET', `/drafts/${encodeURIComponent(id)}`);
  createDraft = <D>(data: D) => this.call<Draft<D>>('POST', '/drafts', { json: { data } });
  updateDraft = <D>(id: string, data: D) =>
    this.call<Draft<D>>('PUT', `/drafts/${encodeURIComponent(id)}`, { json: { data } });
  deleteDraft = (id: string) => this.call<void>('DELETE', `/drafts/${encodeURIComponent(id)}`);

  /** Issue 19: the templates the member may use (q: name or subject, pinyin too), and saving one. */
  templates = async (q: string, signal?: AbortSignal) =>
    (await this.call<{ items: MessageTemplate[] }>('GET', '/templates', { query: { q }, signal })).items;
  createTemplate = (input: NewTemplate) => this.call<MessageTemplate>('POST', '/templates', { json: input });

  /** Uploads one file with progress; `signal` cancels it (rejects with an AbortError). */
  async upload(
    file: File,
    options: { onProgress?: (loaded: number, total: number) => void; signal?: AbortSignal } = {},
  ): Promise<Attachment> {
    const response = await this.client.upload(
      `/attachments?${new URLSearchParams({ name: file.name })}`,
      file,
      options,
    );
    if (!response.ok) throw await HeraldProblem.fromResponse(response);
    return (await response.json()) as Attachment;
  }

  deleteAttachment = (id: string) => this.call<void>('DELETE', `/attachments/${encodeURIComponent(id)}`);
}
