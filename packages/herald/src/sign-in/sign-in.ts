import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import {
  HeraldElement,
  HeraldPasswordChangeEvent,
  HeraldSessionStartEvent,
  LocalizeController,
  problemMessage,
  type MessageKey,
} from '@herald/core';
import { HeraldContextController, type Me } from '@herald/client';
import { styles } from './sign-in.styles.js';
import { signInStrings } from '../i18n/index.js';

/** Minimum length checked in the browser; the server's password policy is the authority. */
export const MIN_PASSWORD_LENGTH = 10;

/** Which field a server problem of the password change is about (issue 23: say why at the field that caused it). */
const CHANGE_PROBLEM_FIELD: Record<string, string> = {
  'wrong-password': 'current',
  'password-too-weak': 'next',
  'password-reused': 'next',
};

/**
 * Sign-in form (employee number, e-mail or user name — the super admin is `admin` — + password) for cookie sessions,
 * followed by the forced
 * password change when the account must change its password. Uses the client of the nearest
 * <herald-provider> (or the page's shared one).
 *
 * @tag herald-sign-in
 * @fires {HeraldSessionStartEvent} herald-session-start - The user signed in (after the required password change, if
 *   any). `detail.subject`.
 * @fires {HeraldPasswordChangeEvent} herald-password-change - The user changed their password.
 * @csspart form - Each form (sign-in, password change).
 * @csspart title - The form's heading.
 * @csspart alert - The `role="alert"` region showing problems.
 * @csspart submit - The submit button.
 * @csspart done - The "signed in as" note shown when already signed in.
 * @csspart field-error - The problem of one field, beside it (linked by `aria-describedby`).
 * @cssproperty --herald-color-primary - Button colour (and every other `--herald-*` token).
 */
export class HeraldSignIn extends HeraldElement {
  static override catalogues = [signInStrings];
  static override styles = styles;

  private readonly i18n = new LocalizeController(this);
  private readonly herald = new HeraldContextController(this);

  /** The current error message (already localized). */
  @state() private error = '';
  /** The field the message is shown at ('' = the form's alert region), and the fields marked invalid. */
  @state() private errorAt = '';
  @state() private invalid: string[] = [];
  @state() private busy = false;

  override render() {
    const { status, me } = this.herald.session;
    if (status === 'password-change-required') return this.renderChange();
    if (status === 'signed-in' && me?.subject) {
      return html`<p part="done">${this.i18n.t('signIn.done', { name: me.subject.name })}</p>`;
    }
    return this.renderSignIn();
  }

  private field(id: string, label: MessageKey, type: string, autocomplete: string, hint?: TemplateResult | string) {
    const here = this.error && this.errorAt === id;
    const describedBy = [hint ? `${id}-hint` : '', here ? `${id}-error` : 'alert'].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${this.i18n.t(label)}</label>
      <input
        id=${id}
        name=${id}
        type=${type}
        autocomplete=${autocomplete}
        required
        aria-invalid=${this.invalid.includes(id) ? 'true' : 'false'}
        aria-describedby=${describedBy}
      />
      ${hint ? html`<span class="hint" id=${`${id}-hint`}>${hint}</span>` : ''}
      ${
        here
          ? html`<span part="field-error" class="field-error" id=${`${id}-error`} role="alert">${this.error}</span
        >`
          : ''
      }
    </div>`;
  }

  /** Shows `message` at field `at` ('' = the alert region), marks `fields` invalid and focuses `at` (or `focus`). */
  private fail(message: string, at: string, fields: string[] = at ? [at] : [], focus = at): void {
    this.error = message;
    this.errorAt = at;
    this.invalid = fields;
    if (focus) void this.updateComplete.then(() => this.focusField(focus));
  }

  private renderSignIn() {
    return html`<form part="form" aria-labelledby="title" novalidate @submit=${this.onSignIn}>
      <h2 part="title" id="title">${this.i18n.t('signIn.title')}</h2>
      ${this.field('login', 'signIn.login', 'text', 'username')}
      ${this.field('password', 'signIn.password', 'password', 'current-password')}
      <div part="alert" id="alert" role="alert">${this.errorAt ? '' : this.error}</div>
      <button part="submit" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
        ${this.i18n.t(this.busy ? 'signIn.submitting' : 'signIn.submit')}
      </button>
    </form>`;
  }

  private renderChange() {
    const hint = this.i18n.t('passwordChange.hint', { min: MIN_PASSWORD_LENGTH });
    return html`<form part="form" aria-labelledby="title" novalidate @submit=${this.onChange}>
      <h2 part="title" id="title">${this.i18n.t('passwordChange.title')}</h2>
      <p>${this.i18n.t('passwordChange.intro')}</p>
      ${this.field('current', 'passwordChange.current', 'password', 'current-password')}
      ${this.field('next', 'passwordChange.next', 'password', 'new-password', hint)}
      ${this.field('confirm', 'passwordChange.confirm', 'password', 'new-password')}
      <div part="alert" id="alert" role="alert">${this.errorAt ? '' : this.error}</div>
      <button part="submit" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
        ${this.i18n.t(this.busy ? 'passwordChange.submitting' : 'passwordChange.submit')}
      </button>
    </form>`;
  }

  private value(id: string): string {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '';
  }

  private focusField(id: string): void {
    this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.focus();
  }

  private async run(
    task: () => Promise<Me>,
    onProblem: (problem: unknown, message: string) => void,
  ): Promise<Me | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    this.fail('', '');
    try {
      return await task();
    } catch (problem) {
      onProblem(problem, problemMessage(problem, this.i18n));
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  private async onSignIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const login = this.value('login').trim();
    const password = this.value('password');
    if (!login || !password) {
      const empty = login ? 'password' : 'login';
      this.fail(
        this.i18n.t('signIn.required'),
        empty,
        [!login ? 'login' : '', !password ? 'password' : ''].filter(Boolean),
      );
      return;
    }
    const stores = this.herald.stores;
    if (!stores) return;
    // Events go out before the session changes: a provider replaces this form as soon as it does.
    const me = await this.run(
      () =>
        stores.session.signIn(login, password, (m) => {
          if (!m.mustChangePassword && m.subject) this.emit(new HeraldSessionStartEvent({ subject: m.subject }));
        }),
      (problem, message) => {
        // Which of the two was wrong is not said (on purpose): the message is the form's; retyping starts at the
        // password.
        const credentials = (problem as { code?: string })?.code === 'invalid-credentials';
        this.fail(message, '', credentials ? ['login', 'password'] : [], 'password');
      },
    );
    if (!me) return;
    await this.updateComplete;
    if (me.mustChangePassword) this.focusField('current');
  }

  private async onChange(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const current = this.value('current');
    const next = this.value('next');
    const confirm = this.value('confirm');
    if (!current || !next || !confirm) {
      const empty = ['current', 'next', 'confirm'].filter((id) => !this.value(id));
      this.fail(this.i18n.t('passwordChange.required'), empty[0]!, empty);
      return;
    }
    if (next.length < MIN_PASSWORD_LENGTH) {
      this.fail(this.i18n.t('passwordChange.tooShort', { min: MIN_PASSWORD_LENGTH }), 'next');
      return;
    }
    if (next !== confirm) {
      this.fail(this.i18n.t('passwordChange.mismatch'), 'confirm');
      return;
    }
    const stores = this.herald.stores;
    if (!stores) return;
    await this.run(
      () =>
        stores.session.changePassword(current, next, (m) => {
          this.emit(new HeraldPasswordChangeEvent());
          if (!m.mustChangePassword && m.subject) this.emit(new HeraldSessionStartEvent({ subject: m.subject }));
        }),
      (problem, message) => {
        const at = CHANGE_PROBLEM_FIELD[(problem as { code?: string })?.code ?? ''] ?? '';
        this.fail(message, at, at ? [at] : [], at || 'current');
      },
    );
  }
}
