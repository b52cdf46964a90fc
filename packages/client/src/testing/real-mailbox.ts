// Test-only helpers on the real test server (proxied at /api/ by the root wtr config): a fresh member who has received
// some messages, signed in with a cookie session. Never exported from the package index.
import { createHeraldClient, type HeraldClient } from '../client.js';
import { realClient } from './mount.js';

/** A JSON call with the client's credentials; throws with the answer's text on a non-2xx status. */
export type Call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<any>;

export const caller =
  (client: HeraldClient): Call =>
  async (method, path, body, headers = {}) => {
    const response = await client.fetch(client.url(path), {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };

export interface SeedMessage {
  subject: string;
  text?: string;
  kind?: 'internal' | 'urgent';
  priority?: 'normal' | 'high' | 'urgent';
  receiptRequired?: boolean;
}

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/**
 * As `wtr-admin`: creates a member and sends them `messages` (in that order), then signs the page in as that member
 * (first sign-in changes the password). Null when there is no test server.
 */
export async function realRecipient(
  messages: SeedMessage[],
): Promise<{ client: HeraldClient; call: Call; ids: string[]; memberId: string } | null> {
  const admin = await realClient();
  if (!admin) return null;
  const call = caller(admin);
  const departments = await call('GET', '/departments');
  const employeeNo = `wtr-${unique()}`;
  const member = await call('POST', '/members', {
    employeeNo,
    name: `收件人 ${employeeNo.slice(-4)}`,
    departmentId: (departments.items ?? departments)[0].id,
  });
  const ids: string[] = [];
  for (const m of messages) {
    const sent = await call(
      'POST',
      '/messages',
      {
        kind: m.kind ?? 'internal',
        priority: m.priority ?? 'normal',
        subject: m.subject,
        receiptRequired: m.receiptRequired ?? false,
        audience: [{ kind: 'member', targetId: member.id }],
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: m.text ?? m.subject }] }] },
      },
      { 'idempotency-key': `wtr-${unique()}` },
    );
    ids.push(sent.id);
  }
  await admin.signOut();
  const client = createHeraldClient({ baseUrl: location.origin });
  await client.signIn(employeeNo, member.initialPassword);
  await client.changePassword(member.initialPassword, 'Recipient-pass-2026!x');
  return { client, call: caller(client), ids, memberId: member.id };
}
