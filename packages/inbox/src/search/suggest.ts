// Issue 20 #8: suggestions as you type in the inbox's search box — the operators first, then people for `from:`/`to:`,
// the viewer's tags for `tag:`, the values of `is:`/`has:` and days for `before:`/`after:`. The box is an ARIA 1.2
// combobox (editable, list autocomplete, no automatic selection): ↓/↑ move through the listbox (aria-activedescendant,
// focus stays in the box), Enter takes the active option, Escape closes it. Part of the inbox's lazy actions chunk
// (loaded when focus or the pointer first comes into the inbox, the search box included): the first load only marks the
// box as a combobox. The same tokenizer as the server's (@herald/core/search-syntax).
import { html, nothing, type ReactiveController } from 'lit';
import { adoptLazyStyles, type MessageKey } from '@herald/core';
import { ApiBase } from '@herald/client';
import {
  IS_VALUES,
  SEARCH_OPERATORS,
  searchSyntaxErrors,
  searchTokens,
  type SearchOperator,
  type SearchToken,
} from '@herald/core/search-syntax';
import type { InboxContext } from '../inbox/context.js';
import { suggestStrings } from './i18n/index.js';
import { suggestStyles } from './suggest.styles.js';

/** One suggestion: what the list shows and what replaces the word under the caret. */
interface Option {
  label: string;
  detail?: string;
  insert: string;
}

const LISTBOX_ID = 'search-suggestions';
const PROBLEM_ID = 'search-problem';
const optionId = (i: number) => `search-option-${i}`;
/** A value with white space or a quote is written in double quotes (`from:"Li Lei"`). */
const quoted = (value: string) => (/[\s"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value);
const day = (daysAgo: number) => {
  const d = new Date(Date.now() - daysAgo * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** People from the directory (R7: what the viewer may see; an external contact gets none). */
class People extends ApiBase {
  find = async (q: string, kinds: string) =>
    (await this.ok(this.client.api.directory.$get({ query: { q, kinds, limit: '6' } }))).items;
}

/** The search box's suggestions, as a controller of the inbox (it renders into the inbox's shadow root). */
export class SearchSuggest implements ReactiveController {
  private open = false;
  private active = -1;
  private options: Option[] = [];
  private ready = false;
  /** The word under the caret that `options` replace. */
  private word: Pick<SearchToken, 'start' | 'end'> = { start: 0, end: 0 };
  private lookup = 0;
  private lookupTimer?: ReturnType<typeof setTimeout>;
  /** The box listened to (the toolbar keeps one; a new one is listened to if it is ever rendered again). */
  private input?: HTMLInputElement;

  constructor(private readonly ctx: InboxContext) {
    const host = ctx.host as unknown as Parameters<typeof adoptLazyStyles>[0];
    host.addController(this);
    adoptLazyStyles(host, suggestStyles);
    void ctx.i18n.use(suggestStrings).then(() => {
      this.ready = true;
      this.update();
    });
  }

  private listen(input: HTMLInputElement): void {
    this.input = input;
    input.addEventListener('keydown', (e) => this.keydown(e));
    input.addEventListener('blur', () => this.close());
    input.addEventListener('click', () => this.refresh());
    // Capturing at the box runs before the toolbar's own listener: a value the server would refuse (`before:2026-1`,
    // a day still being typed) is said under the box and not searched yet.
    input.addEventListener(
      'input',
      (e) => {
        if (searchSyntaxErrors(searchTokens(input.value)).length) e.stopImmediatePropagation();
        this.refresh();
      },
      true,
    );
  }

  private keydown(e: KeyboardEvent): void {
    const n = this.options.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!this.open) return this.refresh(true);
      if (n) this.setActive(e.key === 'ArrowDown' ? (this.active + 1) % n : this.active <= 0 ? n - 1 : this.active - 1);
    } else if (e.key === 'Enter' && this.open && this.active >= 0) {
      e.preventDefault();
      this.apply(this.options[this.active]!);
    } else if (e.key === 'Escape' && this.open) {
      e.preventDefault();
      e.stopPropagation(); // the inbox's own Escape (clear the selection) is not meant
      this.close();
    }
  }

  /** The box's combobox state, which the toolbar's template leaves to this controller. */
  hostUpdated(): void {
    const input = this.ctx.searchInput;
    if (!input) return;
    if (input !== this.input) this.listen(input);
    const set = (name: string, value: string | null) =>
      value === null ? input.removeAttribute(name) : input.setAttribute(name, value);
    const shown = this.open && this.options.length > 0;
    set('aria-expanded', String(shown));
    set('aria-activedescendant', shown && this.active >= 0 ? optionId(this.active) : null);
    set('aria-describedby', this.problem() ? PROBLEM_ID : null);
  }

  render() {
    if (!this.ready) return nothing;
    const { i18n } = this.ctx;
    const problem = this.problem();
    const shown = this.open && this.options.length > 0;
    // The keys are the box's (the combobox pattern: focus stays in it, aria-activedescendant names the option); the
    // list takes only the pointer.
    // eslint-disable-next-line lit-a11y/click-events-have-key-events
    const list = html`<ul id=${LISTBOX_ID} role="listbox" class="suggestions" part="search-suggestions"
      aria-label=${i18n.t('inbox.suggest.label')} @pointerdown=${(e: Event) => e.preventDefault()}
      @click=${this.clicked}>
      ${this.options.map(
        (o, i) =>
          html`<li id=${optionId(i)} role="option" data-index=${i}
            aria-selected=${i === this.active ? 'true' : 'false'}>
            <span class="insert">${o.label}</span>${o.detail ? html` <span class="detail">${o.detail}</span>` : nothing}
          </li>`,
      )}
    </ul>`;
    return html`${shown ? list : nothing}<p id=${PROBLEM_ID} class="search-problem" part="search-problem"
      role="status">${problem}</p>`;
  }

  /** A pointer took an option (pressing it kept the focus in the box: `pointerdown` is prevented). */
  private readonly clicked = (e: Event) => {
    const index = (e.target as Element).closest<HTMLElement>('[role="option"]')?.dataset.index;
    const option = index === undefined ? undefined : this.options[Number(index)];
    if (option) this.apply(option);
  };

  /** The first value an operator cannot take, in words. */
  private problem(): string {
    const [error] = searchSyntaxErrors(searchTokens(this.ctx.searchInput?.value ?? ''));
    if (!error || !this.ready) return '';
    const { i18n } = this.ctx;
    return error.op === 'is' || error.op === 'has'
      ? i18n.t(`inbox.suggest.problem.${error.op}`)
      : i18n.t('inbox.suggest.problem.date', { op: `${error.op}:` });
  }

  private setActive(index: number): void {
    this.active = index;
    this.ctx.host.shadowRoot?.getElementById(optionId(index))?.scrollIntoView({ block: 'nearest' });
    this.update();
  }

  private close(): void {
    this.open = false;
    this.active = -1;
    clearTimeout(this.lookupTimer);
    this.update();
  }

  private update(): void {
    (this.ctx.host as unknown as { requestUpdate(): void }).requestUpdate();
  }

  /** Works out the suggestions for the word under the caret (`force`: ↓ opens them even on an empty box). */
  private refresh(force = false): void {
    const input = this.ctx.searchInput;
    if (!input || !this.ready) return;
    const q = input.value;
    const caret = input.selectionStart ?? q.length;
    const token = searchTokens(q).find((t) => t.start <= caret && caret <= t.end);
    this.word = token ?? { start: caret, end: caret };
    this.active = -1;
    clearTimeout(this.lookupTimer);
    const raw = token ? q.slice(token.start, caret) : '';
    const colon = raw.indexOf(':');
    const op = token?.op && colon >= 0 ? token.op : null;
    if (op) this.valueOptions(op, raw.slice(colon + 1).replace(/^"/, ''));
    else this.show(this.operatorOptions(raw, force));
  }

  private show(options: Option[]): void {
    this.options = options;
    this.open = options.length > 0;
    this.update();
  }

  /** The operators whose name starts with the word typed (all of them on an empty word). */
  private operatorOptions(word: string, force: boolean): Option[] {
    const w = word.toLowerCase();
    if (!w && !force) return []; // an empty box opens the list on ↓ only, not on every focus
    return SEARCH_OPERATORS.filter((op) => op.startsWith(w) && op !== w).map((op) => ({
      label: op === 'has' ? 'has:attachment' : `${op}:`,
      detail: this.ctx.i18n.t(`inbox.suggest.op.${op}` as MessageKey),
      insert: op === 'has' ? 'has:attachment ' : `${op}:`,
    }));
  }

  private valueOptions(op: SearchOperator, value: string): void {
    const { i18n } = this.ctx;
    const v = value.toLowerCase();
    const starting = (list: readonly string[]) => list.filter((x) => x.startsWith(v) && x !== v);
    switch (op) {
      case 'is':
        return this.show(
          starting(IS_VALUES).map((x) => ({
            label: `is:${x}`,
            detail: i18n.t(`inbox.suggest.is.${x}` as MessageKey),
            insert: `is:${x} `,
          })),
        );
      case 'has':
        return this.show(
          starting(['attachment']).map(() => ({
            label: 'has:attachment',
            detail: i18n.t('inbox.suggest.has.attachment'),
            insert: 'has:attachment ',
          })),
        );
      case 'before':
      case 'after':
        return this.show(
          (
            [
              ['today', 0],
              ['week', 7],
              ['month', 30],
            ] as const
          )
            .map(([key, ago]) => ({ key, value: day(ago) }))
            .filter((d) => d.value.startsWith(v) && d.value !== v)
            .map((d) => ({
              label: `${op}:${d.value}`,
              detail: i18n.t(`inbox.suggest.day.${d.key}`),
              insert: `${op}:${d.value} `,
            })),
        );
      case 'tag':
        return this.show(
          this.ctx.tags
            .filter((t) => t.name.toLowerCase().includes(v) && t.name.toLowerCase() !== v)
            .slice(0, 8)
            .map((t) => ({ label: `tag:${quoted(t.name)}`, insert: `tag:${quoted(t.name)} ` })),
        );
      default: {
        // from: / to: — people (and for to:, departments and groups) as the directory finds them.
        this.show([]);
        const client = this.ctx.api?.client;
        if (!value.trim() || !client) return;
        const ask = ++this.lookup;
        this.lookupTimer = setTimeout(() => {
          new People(client)
            .find(value, op === 'from' ? 'member' : 'member,department,group')
            .then((items) => {
              if (ask !== this.lookup) return; // a newer word was typed meanwhile
              this.show(
                items.map((p) => ({
                  label: `${op}:${quoted(p.name)}`,
                  detail: p.detail ?? undefined,
                  insert: `${op}:${quoted(p.name)} `,
                })),
              );
            })
            .catch(() => undefined); // no directory for this viewer (an external contact): no people to suggest
        }, 150);
      }
    }
  }

  /** Puts the option in place of the word under the caret and searches (through the box's own input event). */
  private apply(option: Option): void {
    const input = this.ctx.searchInput;
    if (!input) return;
    const { start, end } = this.word;
    const value = input.value.slice(0, start) + option.insert + input.value.slice(end);
    input.value = value;
    const caret = start + option.insert.length;
    input.setSelectionRange(caret, caret);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

const suggests = new WeakMap<InboxContext, SearchSuggest>();
/** The suggestions of this inbox's search box (made on the first call, once the actions chunk is here). */
export function renderSuggest(ctx: InboxContext) {
  let suggest = suggests.get(ctx);
  if (!suggest) suggests.set(ctx, (suggest = new SearchSuggest(ctx)));
  return suggest.render();
}
