import { state } from 'lit/decorators.js';
import { HeraldElement, LocalizeController, problemMessage, type MessageKey } from '@herald/core';
import { HeraldContextController, HeraldProblem, type Permission } from '@herald/client';
import { AdminApi } from '../api/admin-api.js';

const apis = new WeakMap<object, AdminApi>();

/**
 * Base of every back-office tab: translations, the client from the nearest <herald-provider> (or the page's),
 * the back-office API over it, and one readable alert for problems (a 403 reads "You are not allowed to do this").
 */
export abstract class AdminTab extends HeraldElement {
  protected readonly i18n = new LocalizeController(this);
  protected readonly herald = new HeraldContextController(this);

  /** The localized message of the last failure, shown in the tab's alert region. */
  @state() protected error = '';
  @state() protected busy = false;
  /** The localized notice of the last success, shown in the tab's status region. */
  @state() protected notice = '';

  protected get api(): AdminApi {
    const client = this.herald.client!;
    let api = apis.get(client);
    if (!api) apis.set(client, (api = new AdminApi(client)));
    return api;
  }

  /** Does the signed-in user hold this permission (anywhere)? The server remains the authority. */
  protected can(...permissions: Permission[]): boolean {
    const held = this.herald.session.me?.permissions ?? [];
    return permissions.some((p) => held.includes(p));
  }

  protected t(key: MessageKey, params?: Record<string, unknown>): string {
    return this.i18n.t(key, params);
  }

  /** Runs an action with `busy` set; a failure becomes the alert text (and is returned as the problem). */
  protected async run<T>(action: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.error = '';
    this.notice = '';
    try {
      return await action();
    } catch (error) {
      this.error = problemMessage(error, this.i18n);
      this.onProblem(error instanceof HeraldProblem ? error : undefined);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** Subclasses map field errors (`problem.errors[]`) onto their forms. */
  protected onProblem(_problem: HeraldProblem | undefined): void {}

  private loadedFor?: unknown;

  override updated(): void {
    // Load once the session is known (and again when another user signs in).
    const me = this.herald.session.me;
    if (me && this.herald.client && this.loadedFor !== me) {
      this.loadedFor = me;
      // After this update, so the load's state changes schedule a fresh one.
      void Promise.resolve().then(() => this.load());
    }
  }

  /** Loads the tab's data. */
  protected abstract load(): Promise<void>;
}
