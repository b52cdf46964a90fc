// Tests and stories: a client whose fetch answers the "My settings" routes from memory (issue 20).
import { createHeraldClient } from '../client.js';
import { json, member, problemResponse, stubFetch, type RecordedCall } from '../test-helpers.js';
import type { MyNotificationPreferences, MyProfile } from './api.js';

export const sampleProfile = (): MyProfile => ({
  kind: 'member',
  name: 'Ada Chen',
  email: 'ada@example.com',
  phone: null,
  locale: null,
  pending: [],
  verifiable: { email: true, phone: false },
});

export const samplePreferences = (): MyNotificationPreferences => ({
  allowed: { channels: { high: ['email', 'sms'], normal: ['email'] }, quietHours: true, quietUrgent: false },
  defaults: { high: ['email', 'webhook'], normal: [], urgent: ['email', 'webhook', 'sms'] },
  channels: { high: null, normal: null },
  quietHours: null,
  effective: { high: ['email', 'webhook'], normal: [], urgent: ['email', 'webhook', 'sms'] },
});

/** The code the mock "sends"; any other is refused as the server would. */
export const MOCK_CODE = '246810';

export function mockMySettings(options: { profile?: MyProfile; preferences?: MyNotificationPreferences } = {}) {
  let profile = options.profile ?? sampleProfile();
  let prefs = options.preferences ?? samplePreferences();
  let pending: { kind: 'email' | 'phone'; value: string } | null = null;
  const stub = stubFetch({
    'GET /me': () => json(member()),
    'GET /me/profile': () => json(profile),
    'PATCH /me/profile': (call: RecordedCall) => {
      profile = { ...profile, locale: (call.body as { locale: string | null }).locale };
      return json(profile);
    },
    'POST /me/profile/verifications': (call: RecordedCall) => {
      const { kind, value } = call.body as { kind: 'email' | 'phone'; value: string };
      pending = { kind, value: value.trim().toLowerCase() };
      return json({ ...pending, expiresAt: Date.now() + 600_000 }, 202);
    },
    'POST /me/profile/verifications/confirm': (call: RecordedCall) => {
      const { kind, code } = call.body as { kind: 'email' | 'phone'; code: string };
      if (!pending || pending.kind !== kind || code !== MOCK_CODE)
        return problemResponse(400, 'verification-failed', { reason: 'wrong-code' });
      profile = { ...profile, [kind]: pending.value };
      pending = null;
      return json(profile);
    },
    'GET /me/notifications': () => json(prefs),
    'PUT /me/notifications': (call: RecordedCall) => {
      const change = call.body as Partial<MyNotificationPreferences>;
      prefs = {
        ...prefs,
        channels: { ...prefs.channels, ...change.channels },
        quietHours: change.quietHours === undefined ? prefs.quietHours : change.quietHours,
      };
      return json(prefs);
    },
  });
  const client = createHeraldClient({ baseUrl: 'https://herald.test', fetch: stub.fetch });
  return { client, calls: stub.calls };
}
