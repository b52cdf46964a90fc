// Issue 20 #9: images in the body. An image node names an image attachment of the same message (never a URL); whoever
// may read the message may see it, nobody else; a forward carries it, a recall hides it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { demoApp } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { messages } from './schema.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

type Problem = { code: string; errors?: Array<{ path: string; code: string }> };
type Sent = {
  id: string;
  body: { content: Array<{ content?: Array<Record<string, any>> }> };
  attachments: { id: string }[];
};

const image = (attachmentId: string, alt = 'chart.png') => ({ type: 'image', attrs: { attachmentId, alt } });
const doc = (...inline: unknown[]) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'See ' }, ...inline] }],
});

describe('issue 20 #9: images in the message body', () => {
  let deps: Awaited<ReturnType<typeof demoApp>>['deps'];
  let as: Awaited<ReturnType<typeof demoApp>>['as'];
  let app: Awaited<ReturnType<typeof demoApp>>['app'];
  let admin: Browser, zhang: Browser, wang: Browser, li: Browser, zhao: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    ({ deps, admin, as, app } = await demoApp(ids));
    zhang = await as('E1001', 'sender');
    wang = await as('E1003', 'sender');
    li = await as('E1002');
    zhao = await as('E1005');
  });
  after(() => deps.cleanup());

  const upload = async (from: Browser, name: string, bytes: Buffer = PNG) => {
    const res = await from.request(`/api/v1/attachments?name=${name}`, {
      method: 'POST',
      body: new Uint8Array(bytes),
      headers: { 'content-type': 'application/octet-stream' },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return body<{ id: string; contentType: string }>(res);
  };
  const send = (from: Browser, bodyDoc: unknown, attachmentIds: string[], to = ['E1003']) =>
    from.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: '图表',
        body: bodyDoc,
        audience: to.map((no) => ({ kind: 'member', targetId: ids[no] })),
        attachmentIds,
      },
    });
  const sent = async (from: Browser, bodyDoc: unknown, attachmentIds: string[], to?: string[]) => {
    const res = await send(from, bodyDoc, attachmentIds, to);
    assert.equal(res.status, 201, await res.clone().text());
    return body<Sent>(res);
  };
  const refused = async (res: Response, code = 'validation') => {
    const p = await body<Problem>(res);
    assert.equal(res.status, 400, JSON.stringify(p));
    assert.equal(p.code, code);
    return p;
  };
  const inlineImage = (b: Browser, id: string) => b.request(`/api/v1/attachments/${id}?inline=1`);
  const messageCount = async () => (await deps.db.select({ id: messages.id }).from(messages)).length;

  test('a pasted PNG attached to the message is shown inline: stored as an image node, read by the recipient, \
refused to a stranger', async () => {
    const file = await upload(zhang, 'chart.png');
    assert.equal(file.contentType, 'image/png');
    const m = await sent(zhang, doc(image(file.id, '')), [file.id]);
    assert.deepEqual(m.body.content[0]!.content![1], image(file.id, ''));
    const read = await body<Sent>(await wang.request(`/api/v1/messages/${m.id}`));
    assert.deepEqual(read.body.content[0]!.content![1], image(file.id, ''));
    const bytes = await inlineImage(wang, file.id);
    assert.equal(bytes.status, 200);
    assert.equal(bytes.headers.get('content-type'), 'image/png');
    assert.match(bytes.headers.get('content-disposition') ?? '', /^inline/);
    assert.deepEqual(Buffer.from(await bytes.arrayBuffer()), PNG);
    // 李四 did not receive it: the image is as unknown to him as the message (404, never 403).
    assert.equal((await inlineImage(li, file.id)).status, 404);
  });

  test('a body may not show an upload it does not attach, another message’s file, or someone else’s upload; \
nothing is stored', async () => {
    const mine = await upload(zhang, 'a.png');
    const attached = await upload(zhang, 'b.png');
    const other = await upload(zhang, 'c.png');
    const earlier = await sent(zhang, doc(image(other.id)), [other.id]);
    const before = await messageCount();
    // Uploaded but not in attachmentIds.
    let p = await refused(await send(zhang, doc(image(mine.id)), [attached.id]));
    assert.deepEqual(
      p.errors?.map((e) => [e.path, e.code]),
      [['body', 'unknown-attachment']],
    );
    // A file of a message 张三 sent before: it stays that message's.
    p = await refused(await send(zhang, doc(image(other.id)), [attached.id]));
    assert.equal(p.errors?.[0]?.code, 'unknown-attachment');
    // 王五's own upload, named by id in 张三's body.
    const hers = await upload(wang, 'd.png');
    p = await refused(await send(zhang, doc(image(hers.id)), [attached.id]));
    assert.equal(p.errors?.[0]?.code, 'unknown-attachment');
    // An id that does not exist at all.
    await refused(await send(zhang, doc(image('0192f0c8-0000-7000-8000-000000000000')), [attached.id]));
    assert.equal(await messageCount(), before);
    // The refused sends left the upload unclaimed: it can still be sent.
    await sent(zhang, doc(image(attached.id)), [attached.id]);
    assert.ok(earlier.id);
  });

  test('only files sniffed as PNG, JPEG, GIF or WebP may be shown inline', async () => {
    const pdf = await upload(zhang, 'chart.png', PDF); // named .png, but the bytes are a PDF
    assert.equal(pdf.contentType, 'application/pdf');
    const p = await refused(await send(zhang, doc(image(pdf.id)), [pdf.id]));
    assert.equal(p.errors?.[0]?.code, 'invalid-value');
  });

  test('an image node carries an attachment id and alt text only: URLs, data:, javascript: and extra attributes \
are refused', async () => {
    const file = await upload(zhang, 'e.png');
    for (const attachmentId of [
      'https://tracker.example.com/pixel.gif',
      'javascript:alert(1)',
      'data:image/png;base64,iVBORw0KGgo=',
      '../../etc/passwd',
      '',
    ])
      await refused(await send(zhang, doc(image(attachmentId)), [file.id]));
    await refused(
      await send(
        zhang,
        doc({ type: 'image', attrs: { attachmentId: file.id, alt: '', src: 'https://x.test/a.png' } }),
        [file.id],
      ),
    );
    await refused(
      await send(zhang, doc({ type: 'image', attrs: { src: 'https://x.test/a.png', alt: '' } }), [file.id]),
    );
    await refused(await send(zhang, doc(image(file.id, 'x'.repeat(501))), [file.id]));
  });

  test('an edit keeps the message’s own images and may not bring in another file', async () => {
    const file = await upload(zhang, 'f.png');
    const m = await sent(zhang, doc(image(file.id)), [file.id]);
    const edit = (bodyDoc: unknown) =>
      zhang.request(`/api/v1/messages/${m.id}`, { method: 'PATCH', json: { body: bodyDoc } });
    assert.equal((await edit(doc({ type: 'text', text: 'again ' }, image(file.id, 'Q3')))).status, 200);
    const foreign = await upload(zhang, 'g.png');
    const p = await refused(await edit(doc(image(foreign.id))));
    assert.equal(p.errors?.[0]?.code, 'unknown-attachment');
  });

  test('a reply shows its own attached image; a template may hold no image', async () => {
    const m = await sent(zhang, doc({ type: 'text', text: 'hello' }), []);
    const file = await upload(wang, 'reply.png');
    const reply = await wang.request(`/api/v1/messages/${m.id}/replies`, {
      method: 'POST',
      json: { body: doc(image(file.id)), attachmentIds: [file.id] },
    });
    assert.equal(reply.status, 201, await reply.clone().text());
    assert.equal((await inlineImage(zhang, file.id)).status, 200, 'the thread’s other party sees it');
    const foreign = await upload(wang, 'reply2.png');
    await refused(
      await wang.request(`/api/v1/messages/${m.id}/replies`, {
        method: 'POST',
        json: { body: doc(image(foreign.id)) },
      }),
    );
    const template = await zhang.request('/api/v1/templates', {
      method: 'POST',
      json: { scope: 'personal', name: 'T', subject: 'S', kind: 'internal', body: doc(image(file.id)) },
    });
    await refused(template);
  });

  test('a portal contact sees the image of a message to them (embed token); another contact does not', async () => {
    const sender = await as('E1007', 'external-sender');
    const embed = await body(
      await admin.request('/api/v1/embed-apps', {
        method: 'POST',
        json: { name: 'Portal', origins: ['https://p.example'] },
      }),
    );
    const contact = async (name: string) =>
      (
        await body(
          await admin.request('/api/v1/contacts', {
            method: 'POST',
            json: { kind: 'customer', name, portalEnabled: true },
          }),
        )
      ).id as string;
    const token = (contactId: string) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', kid: embed.id })
        .setIssuer(embed.id)
        .setAudience('herald')
        .setSubject(`contact:${contactId}`)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(embed.secret));
    const [wang, other] = [await contact('王客户'), await contact('李客户')];
    const file = await upload(sender, 'quote.png');
    const res = await sender.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'external',
        subject: '报价',
        body: doc(image(file.id, '报价单')),
        audience: [{ kind: 'contact', targetId: wang }],
        attachmentIds: [file.id],
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
    const asContact = async (contactId: string) =>
      app.request(`/api/v1/attachments/${file.id}?inline=1`, {
        headers: { authorization: `Bearer ${await token(contactId)}` },
      });
    assert.equal((await asContact(wang)).status, 200);
    assert.equal((await asContact(other)).status, 404);
  });

  test('a forward carries the inline image as its own shared copy; a recall hides the original’s', async () => {
    const file = await upload(zhang, 'h.png');
    const m = await sent(zhang, doc(image(file.id, 'plan')), [file.id], ['E1003']);
    const res = await wang.request(`/api/v1/messages/${m.id}/forward`, {
      method: 'POST',
      json: { kind: 'internal', audience: [{ kind: 'member', targetId: ids.E1005 }] },
    });
    assert.equal(res.status, 201, await res.clone().text());
    const f = await body<Sent>(res);
    const copyId = f.attachments[0]!.id;
    assert.notEqual(copyId, file.id);
    const images = JSON.stringify(f.body).match(/"attachmentId":"[^"]+"/g);
    assert.deepEqual(images, [`"attachmentId":"${copyId}"`], 'the forward’s body shows its own copy');
    assert.equal((await inlineImage(zhao, copyId)).status, 200, '赵六 sees the forwarded image');
    assert.equal((await inlineImage(zhao, file.id)).status, 404, 'but not the original’s file');
    assert.equal((await zhang.request(`/api/v1/messages/${m.id}/recall`, { method: 'POST' })).status, 200);
    assert.equal((await inlineImage(wang, file.id)).status, 404, 'recalled: the image is gone with the text');
    assert.ok(admin);
  });
});
