// The calls of "My settings" (issue 20 items 6 and 7): the caller's own profile and notification preferences, typed
// from the server's routes (`/api/v1/me/profile`, `/api/v1/me/notifications`).
import { ApiBase } from '../api-base.js';
import type { HeraldClient } from '../client.js';
import type { RpcBody, RpcInput } from '../rpc-types.js';

type Api = HeraldClient['api'];
export type MyProfile = RpcBody<Api['me']['profile']['$get'], 200>;
export type MyNotificationPreferences = RpcBody<Api['me']['notifications']['$get'], 200>;
export type PreferencesChange = RpcInput<Api['me']['notifications']['$put']>['json'];
export type ContactKind = 'email' | 'phone';
export type Channel = MyNotificationPreferences['defaults']['high'][number];
export type PendingChange = { kind: ContactKind; value: string; expiresAt: number };

export class MySettingsApi extends ApiBase {
  profile(): Promise<MyProfile> {
    return this.ok(this.client.api.me.profile.$get());
  }

  setLocale(locale: 'en' | 'zh-CN' | null): Promise<MyProfile> {
    return this.ok(this.client.api.me.profile.$patch({ json: { locale } }));
  }

  /** Sends a code to the new address; the change waits for it. */
  requestChange(kind: ContactKind, value: string): Promise<PendingChange> {
    return this.call('POST', '/me/profile/verifications', { json: { kind, value } });
  }

  confirmChange(kind: ContactKind, code: string): Promise<MyProfile> {
    return this.ok(this.client.api.me.profile.verifications.confirm.$post({ json: { kind, code } }));
  }

  preferences(): Promise<MyNotificationPreferences> {
    return this.ok(this.client.api.me.notifications.$get());
  }

  savePreferences(change: PreferencesChange): Promise<MyNotificationPreferences> {
    return this.ok(this.client.api.me.notifications.$put({ json: change }));
  }
}
