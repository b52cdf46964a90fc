import { HeraldProblem, type HeraldClient } from '@herald/client';
import type { Attachment, AudienceCount, AudienceEntry, DirectoryItem, Draft, Message, MessageKind, MessagingSettings, SendInput } from './types.js';

type Query = Record<string, string | number | boolean | null | undefined>;

/** Defaults while `GET /settings/messaging` has not answered (docs/api.md). */
export const DEFAULT_LIMITS = { maxFileBytes: 50 * 1024 * 1024, maxMessageBytes: 200 * 1024 * 1024 };

/**
 * The messaging routes the composer calls, through the client's authenticated fetch (bearer token or cookie +
 * CSRF); uploads go through `client.upload` for progress. Every non-2xx answer is thrown as a HeraldProblem.
 */
export class ComposerApi {
  constructor(readonly client: HeraldClient) {}

  private url(path: string, query: Query = {}): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    const qs = params.toString();
    return this.client.url(path) + (qs ? `?${qs}` : '');
  }

  private async call<T>(method: string, path: string, options: { query?: Query; json?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<T> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    const response = await this.client.fetch(this.url(path, options.query), {
      method, headers, signal: options.signal, body: options.json === undefined ? undefined : JSON.stringify(options.json),
    });
    if (!response.ok) throw await HeraldProblem.fromResponse(response);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  directory = async (q: string, kinds: string[], signal?: AbortSignal, limit = 10): Promise<DirectoryItem[]> =>
    (await this.call<{ items: DirectoryItem[] }>('GET', '/directory', { query: { q, kinds: kinds.join(','), limit }, signal })).items;

  audience = (kind: MessageKind, audience: AudienceEntry[], signal?: AbortSignal) =>
    this.call<AudienceCount>('POST', '/messages/audience', { json: { kind, audience }, signal });

  send = (input: SendInput, idempotencyKey: string) =>
    this.call<Message>('POST', '/messages', { json: input, headers: { 'Idempotency-Key': idempotencyKey } });

  settings = () => this.call<MessagingSettings>('GET', '/settings/messaging');

  drafts = async <D>() => (await this.call<{ items: Draft<D>[] }>('GET', '/drafts')).items;
  createDraft = <D>(data: D) => this.call<Draft<D>>('POST', '/drafts', { json: { data } });
  updateDraft = <D>(id: string, data: D) => this.call<Draft<D>>('PUT', `/drafts/${encodeURIComponent(id)}`, { json: { data } });
  deleteDraft = (id: string) => this.call<void>('DELETE', `/drafts/${encodeURIComponent(id)}`);

  /** Uploads one file with progress; `signal` cancels it (rejects with an AbortError). */
  async upload(file: File, options: { onProgress?: (loaded: number, total: number) => void; signal?: AbortSignal } = {}): Promise<Attachment> {
    const response = await this.client.upload(`/attachments?${new URLSearchParams({ name: file.name })}`, file, options);
    if (!response.ok) throw await HeraldProblem.fromResponse(response);
    return (await response.json()) as Attachment;
  }

  deleteAttachment = (id: string) => this.call<void>('DELETE', `/attachments/${encodeURIComponent(id)}`);
}
