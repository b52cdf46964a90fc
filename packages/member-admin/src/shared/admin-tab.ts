import { state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { HeraldElement, LocalizeController, problemMessage, type MessageKey } from '@herald/core';
import { HeraldContextController, HeraldProblem, isAbort, type Permission } from '@herald/client';
import { AdminApi } from '../api/admin-api.js';
import { adminStrings } from '../i18n/index.js';

const apis = new WeakMap<object, AdminApi>();

/**
 * Base of every back-office tab: translations, the client from the nearest <herald-provider> (or the page's),
 * the back-office API over it, and one readable alert for problems (a 403 reads "You are not allowed to do this").
 *
 * @csspart alert - The `role="alert"` region showing problems.
 * @csspart status - The `role="status"` region confirming what was done.
 */
export abstract class AdminTab extends HeraldElement {
  static override catalogues = [adminStrings];
  protected readonly i18n = new LocalizeController(this);
  protected readonly herald = new HeraldContextController(this);

  /** The localized message of the last failure, shown in the tab's alert region. */
  @state() protected error = '';
  @state() protected busy = false;
  /** The localized notice of the last success, shown in the tab's status region. */
  @state() protected notice = '';

  /** The destructive action waiting for its second press. */
  @state() protected pendingConfirm: string | null = null;

  /**
   * Destructive actions take two presses: the first asks (the button then reads "Confirm: …"), the second emits the
   * cancelable request event (`herald-<thing>-delete-request` …) and, unless a host cancelled it, lets the action run.
   */
  protected confirmed(key: string, request: () => Event): boolean {
    if (this.pendingConfirm !== key) {
      this.pendingConfirm = key;
      this.notice = this.t('admin.confirmHint');
      return false;
    }
    this.pendingConfirm = null;
    return this.emit(request());
  }

  /** A destructive button's text: "Confirm: <label>" while it waits for its second press. */
  protected confirmText(key: string, label: string): string {
    return this.pendingConfirm === key ? this.t('admin.confirm', { action: label }) : label;
  }

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
  private readonly loads: Task[] = [];

  /**
   * A list load or search through `@lit/task` (issue 16): each `run()` aborts the one before it (its `signal` goes to
   * the fetch) and only the newest run's answer reaches `apply`, so a slow older search can never overwrite a newer
   * one. Runs only when asked (`autoRun: false`); leaving the tab aborts it, and coming back loads again.
   */
  protected loader<A extends readonly unknown[], R>(
    args: () => A,
    load: (args: A, signal: AbortSignal) => Promise<R>,
    apply: (value: R) => void,
  ): Task<A, R> {
    const task = new Task<A, R>(this, {
      task: (values, { signal }) => load(values, signal),
      args,
      autoRun: false,
      onComplete: apply,
    });
    this.loads.push(task as unknown as Task);
    return task;
  }

  /**
   * A list through its load: `render(true)` until the first answer and while a newer load runs (the last answer stays,
   * marked busy), `render(false)` once answered or failed (the failure is said in the alert region).
   */
  protected renderLoaded(task: Task<readonly unknown[], unknown>, render: (loading: boolean) => unknown): unknown {
    return task.render({
      initial: () => render(true),
      pending: () => render(true),
      complete: () => render(false),
      error: () => render(false),
    });
  }

  /** A failed load's problem in words for the alert region (an abort is no failure). */
  protected loadProblem(task: Task<readonly unknown[], unknown>): string {
    if (task.status !== TaskStatus.ERROR || isAbort(task.error)) return '';
    return problemMessage(task.error, this.i18n);
  }

  /**
   * Aborts the loads still running (the back office calls it when the tab is hidden); answers whether one was, so
   * that the tab is reloaded when shown again.
   */
  abortLoads(): boolean {
    const running = this.loads.filter((task) => task.status === TaskStatus.PENDING);
    for (const task of running) task.abort();
    return running.length > 0;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abortLoads();
    this.loadedFor = undefined;
  }

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

  /** Reloads the tab's data (the back office calls it when another tab changed something this one shows). */
  refresh(): Promise<void> {
    return this.load();
  }
}
