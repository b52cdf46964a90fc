// Story helper (no test framework: Storybook bundles this): <herald-draft-list> inside providers whose client talks to
// a small in-memory back end of the drafts routes (docs/api.md "Drafts"). Never part of the bundle.
import { html } from 'lit';
import { createHeraldClient } from '@herald/client';
import { json, member } from '@herald/client/test-helpers';
import { hostWith } from '../../message/testing/story-host.js';
import type { DraftSummary } from '../drafts-api.js';

const T0 = Date.UTC(2026, 11, 5, 9, 30);

/** Three drafts: one with everything, one without a subject, one to a single person. */
export const SAMPLE_DRAFTS: DraftSummary[] = [
  {
    id: 'd3',
    subject: 'Q4 roadmap review',
    recipientCount: 5,
    recipientNames: ['技术部', 'Ada Chen', '王经理'],
    preview: 'Hi all, before Friday please read the attached plan and add your comments on the three open questions…',
    attachmentCount: 2,
    createdAt: T0 - 86_400_000,
    updatedAt: T0,
  },
  {
    id: 'd2',
    subject: '',
    recipientCount: 1,
    recipientNames: ['张三'],
    preview: '周五的演练改到下午三点。',
    attachmentCount: 0,
    createdAt: T0 - 7_200_000,
    updatedAt: T0 - 3_600_000,
  },
  {
    id: 'd1',
    subject: '请假申请',
    recipientCount: 0,
    recipientNames: [],
    preview: '',
    attachmentCount: 0,
    createdAt: T0 - 172_800_000,
    updatedAt: T0 - 172_800_000,
  },
];

/** A story's canvas: the drafts in memory (deleting and Undo work), the element in a locale and theme. */
export function draftListHost(drafts: DraftSummary[], attrs: { locale?: string; theme?: string } = {}): HTMLElement {
  const kept = new Map(drafts.map((d) => [d.id, { ...d, data: { subject: d.subject } }]));
  let seq = 0;
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input instanceof Request ? input.url : input), location.href);
    const path = url.pathname.replace(/^.*\/api\/v1/, '');
    const method = (init.method ?? 'GET').toUpperCase();
    await new Promise((r) => setTimeout(r, 80));
    if (path === '/me') return json(member());
    if (path === '/drafts' && method === 'GET')
      return json({ items: [...kept.values()].map(({ data: _data, ...summary }) => summary) });
    if (path === '/drafts' && method === 'POST') {
      const { data } = JSON.parse(String(init.body)) as { data: { subject: string } };
      const draft = {
        ...SAMPLE_DRAFTS[0]!,
        id: `new${++seq}`,
        subject: data.subject ?? '',
        updatedAt: Date.now(),
        data,
      };
      kept.set(draft.id, draft);
      const { data: _data, ...summary } = draft;
      return json(summary, 201);
    }
    const id = decodeURIComponent(path.split('/')[2] ?? '');
    const draft = kept.get(id);
    if (!draft) return json({ type: 'about:blank', code: 'not-found', status: 404 }, 404);
    if (method === 'DELETE') return (kept.delete(id), new Response(null, { status: 204 }));
    return json(draft);
  };
  const client = createHeraldClient({ baseUrl: location.origin, fetch });
  const { wrapper } = hostWith(
    html`<herald-draft-list locale=${attrs.locale ?? 'en'} theme=${attrs.theme ?? ''}></herald-draft-list>`,
    client,
  );
  return wrapper;
}
