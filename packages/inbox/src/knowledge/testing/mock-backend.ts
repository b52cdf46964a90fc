// An in-memory knowledge space for stories and stubbed tests of <herald-knowledge-view> and the reading pane's
// publish action (docs/api.md "Knowledge space"); never part of the bundle.
import { json, problemResponse as problem } from '@herald/client/test-helpers';
import type { KnowledgeItem, KnowledgeState, KnowledgeTag } from '../knowledge-api.js';

const T0 = Date.UTC(2026, 10, 24, 9, 0);
const doc = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

export const KNOWLEDGE_TAGS: KnowledgeTag[] = [
  { id: 't-notice', name: '公告', label: '公告', count: 1 },
  { id: 't-fe', name: '前端', label: '项目 › 前端', count: 1 },
];

export const KNOWLEDGE_ITEMS: KnowledgeItem[] = [
  {
    id: 'k1',
    messageId: 'msg-holiday',
    subject: '关于 2027 年春节放假安排的通知',
    preview: '根据国家规定，2027 年春节放假时间为 2 月 5 日至 2 月 11 日，共 7 天。',
    body: doc('各位同事：', '根据国家规定，2027 年春节放假时间为 2 月 5 日至 2 月 11 日，共 7 天。', '人事部'),
    kind: 'internal',
    sender: { kind: 'member', id: 'm-sun', name: '孙七' },
    deliveredAt: T0,
    publishedBy: { id: 'm-sun', name: '孙七' },
    publishedAt: T0 + 60_000,
    everyone: true,
    departments: [],
    tags: [{ id: 't-notice', label: '公告' }],
    attachments: [],
    can: { unpublish: false },
  },
  {
    id: 'k2',
    messageId: 'msg-perf',
    subject: '分享：前端性能优化实践',
    preview: '上周的技术分享整理成了清单，见附件。',
    body: doc('上周的技术分享整理成了清单，见附件。', '欢迎补充你们项目里的经验。'),
    kind: 'internal',
    sender: { kind: 'member', id: 'm-li', name: '李四' },
    deliveredAt: T0 - 3_600_000,
    publishedBy: { id: 'm-li', name: '李四' },
    publishedAt: T0,
    everyone: false,
    departments: [{ id: 'd-tech', name: '技术部' }],
    tags: [{ id: 't-fe', label: '项目 › 前端' }],
    attachments: [{ id: 'f1', name: '前端性能优化清单.txt', size: 96, contentType: 'text/plain' }],
    can: { unpublish: true },
  },
];

export type KnowledgeMockOptions = {
  items?: KnowledgeItem[];
  tags?: KnowledgeTag[];
  /** What `GET /knowledge/messages/{id}` answers (default: publishable, not published). */
  state?: KnowledgeState;
  permissions?: string[];
  latencyMs?: number;
};

/** The knowledge routes; undefined for any other path (so another mock can answer it). */
export function knowledgeHandler(options: KnowledgeMockOptions = {}) {
  const items = structuredClone(options.items ?? KNOWLEDGE_ITEMS);
  const calls: Array<{ method: string; path: string; url: URL; body?: any }> = [];
  const handle = (method: string, path: string, url: URL, body: any): Response | undefined => {
    if (!path.startsWith('/knowledge') && path !== '/departments' && path !== '/tags') return undefined;
    calls.push({ method, path, url, body });
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/knowledge') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const tagId = url.searchParams.get('tagId');
      const found = items.filter(
        (i) =>
          (!q || `${i.subject} ${i.preview}`.toLowerCase().includes(q)) &&
          (!tagId || i.tags.some((t) => t.id === tagId)),
      );
      return json({ items: found.map(({ body: _body, ...rest }) => rest), nextCursor: null });
    }
    if (method === 'GET' && path === '/knowledge/tags') return json({ items: options.tags ?? KNOWLEDGE_TAGS });
    if (method === 'GET' && (m = /^\/knowledge\/messages\/([^/]+)$/.exec(path)))
      return json(options.state ?? { item: null, can: { publish: true, unpublish: false } });
    if (method === 'POST' && path === '/knowledge') {
      const item: KnowledgeItem = {
        ...KNOWLEDGE_ITEMS[0]!,
        id: `k${items.length + 1}`,
        messageId: body.messageId,
        everyone: body.everyone === true,
        departments: (body.departmentIds ?? []).map((id: string) => ({ id, name: id === 'd-tech' ? '技术部' : id })),
        can: { unpublish: true },
      };
      items.unshift(item);
      return json(item, 201);
    }
    if ((m = /^\/knowledge\/([^/]+)\/attachments\/([^/]+)$/.exec(path))) {
      const item = items.find((i) => i.id === m![1]);
      const file = item?.attachments.find((f) => f.id === m![2]);
      if (!file) return problem(404, 'not-found');
      return new Response('1. 图片懒加载', {
        headers: { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}` },
      });
    }
    if ((m = /^\/knowledge\/([^/]+)$/.exec(path))) {
      const i = items.findIndex((x) => x.id === decodeURIComponent(m![1]!));
      if (i < 0) return problem(404, 'not-found');
      if (method === 'DELETE') {
        items.splice(i, 1);
        return new Response(null, { status: 204 });
      }
      return json(items[i]);
    }
    if (method === 'GET' && path === '/departments')
      return json({
        items: [
          { id: 'd-hq', name: '总部', parentId: null },
          { id: 'd-tech', name: '技术部', parentId: 'd-hq' },
        ],
      });
    if (method === 'GET' && path === '/tags')
      return json({ items: [{ id: 't-notice', name: '公告', scope: 'organisation', parentId: null }] });
    return problem(404, 'not-found');
  };
  return { handle, calls, items };
}

/** A whole back end for <herald-knowledge-view>: `/me`, then the knowledge routes. */
export function createKnowledgeMock(options: KnowledgeMockOptions = {}) {
  const knowledge = knowledgeHandler(options);
  const fetchImpl: typeof fetch = async (input, init = {}) => {
    const url = new URL(String(input instanceof Request ? input.url : input), location.href);
    const method = (init.method ?? 'GET').toUpperCase();
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const path = url.pathname.replace(/^.*\/api\/v1/, '');
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    if (path === '/me')
      return json({
        subject: { kind: 'member', id: 'm-me', employeeNo: 'E0001', name: 'Ada Chen', email: null, locale: null },
        permissions: options.permissions ?? ['message.send.internal'],
        mustChangePassword: false,
        csrfToken: 'mock-csrf',
        via: 'session',
      });
    return knowledge.handle(method, path, url, body) ?? problem(404, 'not-found');
  };
  return { fetch: fetchImpl, calls: knowledge.calls, items: knowledge.items };
}
