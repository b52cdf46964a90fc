import { ApiBase, type DownloadedFile } from '@herald/client';

const seg = (id: string) => encodeURIComponent(id);

/** A file of a knowledge item (downloaded through the item: `GET /knowledge/{id}/attachments/{attachmentId}`). */
export type KnowledgeFile = { id: string; name: string; size: number; contentType: string };

/** A published message as the knowledge space shows it (issue 19 #7; docs/api.md "Knowledge space"). */
export interface KnowledgeItem {
  id: string;
  messageId: string;
  subject: string;
  preview: string;
  /** The rich-text body (one item only; lists leave it out). */
  body?: unknown;
  kind: string;
  sender: { kind: string; id: string; name: string };
  deliveredAt: number | null;
  publishedBy: { id: string; name: string };
  publishedAt: number;
  everyone: boolean;
  departments: Array<{ id: string; name: string }>;
  tags: Array<{ id: string; label: string }>;
  attachments: KnowledgeFile[];
  can: { unpublish: boolean };
}

export type KnowledgeTag = { id: string; name: string; label: string; count: number };
export type KnowledgePage = { items: KnowledgeItem[]; nextCursor: string | null };
/** The reading pane's question: is this message published, and may the caller publish or unpublish it? */
export type KnowledgeState = { item: KnowledgeItem | null; can: { publish: boolean; unpublish: boolean } };
export type PublishInput = { messageId: string; everyone?: boolean; departmentIds?: string[]; tagIds?: string[] };

/** The knowledge space's routes, through the client's authenticated fetch (never a token in a URL). */
export class KnowledgeApi extends ApiBase {
  list = (query: { q?: string; tagId?: string | null; cursor?: string | null } = {}, signal?: AbortSignal) =>
    this.call<KnowledgePage>('GET', '/knowledge', {
      query: { q: query.q, tagId: query.tagId, cursor: query.cursor },
      signal,
    });
  tags = async () => (await this.call<{ items: KnowledgeTag[] }>('GET', '/knowledge/tags')).items;
  item = (id: string, signal?: AbortSignal) => this.call<KnowledgeItem>('GET', `/knowledge/${seg(id)}`, { signal });
  attachment = (id: string, fileId: string): Promise<DownloadedFile> =>
    this.download(`/knowledge/${seg(id)}/attachments/${seg(fileId)}`);
  ofMessage = (messageId: string, signal?: AbortSignal) =>
    this.call<KnowledgeState>('GET', `/knowledge/messages/${seg(messageId)}`, { signal });
  publish = (input: PublishInput) => this.call<KnowledgeItem>('POST', '/knowledge', { json: input });
  unpublish = (id: string) => this.call<void>('DELETE', `/knowledge/${seg(id)}`);
  /** Departments (publish targets) and organisation tags (to file it under), for the publish dialog. */
  departments = async () =>
    (await this.call<{ items: Array<{ id: string; name: string; parentId: string | null }> }>('GET', '/departments'))
      .items;
  organisationTags = async () =>
    (
      await this.call<{ items: Array<{ id: string; name: string; scope: string; parentId: string | null }> }>(
        'GET',
        '/tags',
      )
    ).items.filter((t) => t.scope === 'organisation');
}
