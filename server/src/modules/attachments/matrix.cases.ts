import assert from 'node:assert/strict';
import { defineCases, type MatrixContext, type RoleName } from '../../testing/matrix.js';

/**
 * R8 attachments by role. Uploading needs a send permission (contacts may too, tested in attachments.test.ts);
 * an unsent upload is its uploader's alone (here the super admin's, made in `prepare`): everyone else gets 404.
 * Reading a sent file as a recipient or overseer is tested in attachments.test.ts, with a delivered message.
 */
const SENDERS: RoleName[] = ['super-admin', 'org-admin', 'sender', 'external-sender'];

const newUpload = async ({ admin, ids }: MatrixContext) => {
  const res = await admin.request(`/api/v1/attachments?name=${encodeURIComponent(`矩阵${ids.unique}.txt`)}`, {
    method: 'POST',
    body: `矩阵测试 ${ids.unique}\n`,
  });
  assert.equal(res.status, 201, await res.clone().text());
  return { attachmentId: ((await res.json()) as { id: string }).id };
};

export const cases = defineCases([
  // The runner sends the JSON body as the raw file: a small text file.
  {
    name: 'upload an attachment',
    method: 'POST',
    path: (ids) => `/api/v1/attachments?name=matrix-${ids.unique}.json`,
    body: { note: '矩阵' },
    allowed: SENDERS,
  },
  {
    name: "download someone else's unsent upload",
    method: 'GET',
    path: (ids) => `/api/v1/attachments/${ids.attachmentId}`,
    allowed: ['super-admin'],
    prepare: newUpload,
  },
  {
    name: "remove someone else's unsent upload",
    method: 'DELETE',
    path: (ids) => `/api/v1/attachments/${ids.attachmentId}`,
    allowed: ['super-admin'],
    prepare: newUpload,
  },
]);
