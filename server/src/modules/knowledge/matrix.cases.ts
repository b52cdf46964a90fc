import assert from 'node:assert/strict';
import { ADMINS, ALL, defineCases, type MatrixContext } from '../../testing/matrix.js';

const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '春节放假安排' }] }] };

/** A message from the super admin to 总部 (every matrix caller receives it), with a file when asked. */
async function sent({ admin, ids }: MatrixContext, withFile = false): Promise<string> {
  const attachmentIds: string[] = [];
  if (withFile) {
    const up = await admin.request('/api/v1/attachments?name=notes.txt', {
      method: 'POST',
      body: 'notes',
      headers: { 'content-type': 'application/octet-stream' },
    });
    assert.equal(up.status, 201, await up.clone().text());
    attachmentIds.push(((await up.json()) as { id: string }).id);
  }
  const res = await admin.request('/api/v1/messages', {
    method: 'POST',
    json: {
      kind: 'internal',
      subject: `知识${ids.unique}`,
      body,
      attachmentIds,
      audience: [{ kind: 'department', targetId: ids.rootId }],
    },
  });
  assert.equal(res.status, 201, await res.clone().text());
  const m = (await res.json()) as { id?: string; message?: { id: string } };
  return (m.message?.id ?? m.id)!;
}

/** The message published by the super admin: to everyone, or to 技术部 (the matrix's callers sit at the root). */
const published =
  (to: 'everyone' | 'tech', withFile = false) =>
  async (ctx: MatrixContext) => {
    const messageId = await sent(ctx, withFile);
    const res = await ctx.admin.request('/api/v1/knowledge', {
      method: 'POST',
      json: { messageId, ...(to === 'everyone' ? { everyone: true } : { departmentIds: [ctx.ids.inDeptId] }) },
    });
    assert.equal(res.status, 201, await res.clone().text());
    const item = (await res.json()) as { id: string; attachments: Array<{ id: string }> };
    return { messageId, itemId: item.id, attachmentId: item.attachments[0]?.id ?? 'none' };
  };

/**
 * Issue 19 #7: every member reads the knowledge space within its reach; publishing needs `knowledge.publish` (org
 * admins hold it; others get 403); an item for 技术部 is 404 outside it except for its publisher and the org admins
 * who moderate; unpublishing is the publisher's or an org admin's.
 */
export const cases = defineCases([
  { name: 'list the knowledge space', method: 'GET', path: () => '/api/v1/knowledge?q=放假', allowed: ALL },
  { name: 'knowledge tags', method: 'GET', path: () => '/api/v1/knowledge/tags', allowed: ALL },
  {
    name: 'publish a received message to everyone',
    method: 'POST',
    path: () => '/api/v1/knowledge',
    body: (ids: Record<string, string>) => ({ messageId: ids.messageId, everyone: true }),
    allowed: ADMINS,
    prepare: async (ctx) => ({ messageId: await sent(ctx) }),
  },
  {
    name: "a message's knowledge state and capability flags",
    method: 'GET',
    path: (ids) => `/api/v1/knowledge/messages/${ids.messageId}`,
    allowed: ALL,
    prepare: async (ctx) => ({ messageId: await sent(ctx) }),
  },
  {
    name: 'read a knowledge item for everyone',
    method: 'GET',
    path: (ids) => `/api/v1/knowledge/${ids.itemId}`,
    allowed: ALL,
    prepare: published('everyone'),
  },
  {
    name: 'read a knowledge item for 技术部 (outside its reach: 404)',
    method: 'GET',
    path: (ids) => `/api/v1/knowledge/${ids.itemId}`,
    allowed: ADMINS,
    prepare: published('tech'),
  },
  {
    name: "download a knowledge item's file",
    method: 'GET',
    path: (ids) => `/api/v1/knowledge/${ids.itemId}/attachments/${ids.attachmentId}`,
    allowed: ALL,
    prepare: published('everyone', true),
  },
  {
    name: 'unpublish a knowledge item',
    method: 'DELETE',
    path: (ids) => `/api/v1/knowledge/${ids.itemId}`,
    allowed: ADMINS,
    prepare: published('everyone'),
  },
]);
