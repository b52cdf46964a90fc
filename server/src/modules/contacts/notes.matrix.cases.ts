import assert from 'node:assert/strict';
import { defineCases, type MatrixContext, type RoleName } from '../../testing/matrix.js';

/** Issue 19 item 6: staff who may see a contact (R7's directory rule) read and log notes; only the author edits. */
const DIRECTORY: RoleName[] = ['super-admin', 'org-admin', 'external-sender'];

/** A contact with a note, both by the super admin. */
const noted = async ({ admin, ids }: MatrixContext) => {
  const res = await admin.request('/api/v1/contacts', {
    method: 'POST',
    json: { kind: 'customer', name: `笔记客户${ids.unique}` },
  });
  assert.equal(res.status, 201, await res.clone().text());
  const contactId = ((await res.json()) as { id: string }).id;
  const note = await admin.request(`/api/v1/contacts/${contactId}/notes`, {
    method: 'POST',
    json: { kind: 'call', text: '电话沟通' },
  });
  assert.equal(note.status, 201, await note.clone().text());
  return { contactId, noteId: ((await note.json()) as { id: string }).id };
};

export const cases = defineCases([
  {
    name: "a contact's notes",
    method: 'GET',
    path: (ids) => `/api/v1/contacts/${ids.contactId}/notes`,
    allowed: DIRECTORY,
    prepare: noted,
  },
  {
    name: 'log a note on a contact',
    method: 'POST',
    path: (ids) => `/api/v1/contacts/${ids.contactId}/notes`,
    body: { kind: 'meeting', text: '拜访' },
    allowed: DIRECTORY,
    prepare: noted,
  },
  {
    name: "edit someone else's note",
    method: 'PATCH',
    path: (ids) => `/api/v1/contacts/${ids.contactId}/notes/${ids.noteId}`,
    body: { text: '改' },
    allowed: ['super-admin'],
    prepare: noted,
  },
  {
    name: 'the conversations with a contact',
    method: 'GET',
    path: (ids) => `/api/v1/contacts/${ids.contactId}/conversations`,
    allowed: DIRECTORY,
    prepare: noted,
  },
]);
