/**
 * The list's selection (R12): ids ticked one by one or by shift ranges over the loaded order, or "every entry
 * matching the filter" (then the batch goes out in its filter form).
 */
export class Selection {
  readonly ids = new Set<string>();
  /** Where the next shift range starts. */
  anchor: string | null = null;
  /** "Select all N matching this filter". */
  allMatching = false;

  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.allMatching || this.ids.has(id);
  }

  toggle(id: string): void {
    this.allMatching = false;
    if (this.ids.has(id)) this.ids.delete(id);
    else this.ids.add(id);
    this.anchor = id;
  }

  /**
   * Shift range from the anchor to `id` over `order`; the range takes the state of the anchor (or is selected when
   * there is none), like a file manager.
   */
  range(order: readonly string[], id: string): void {
    this.allMatching = false;
    const to = order.indexOf(id);
    const from = this.anchor === null ? -1 : order.indexOf(this.anchor);
    if (to < 0) return;
    if (from < 0) {
      this.toggle(id);
      return;
    }
    const select = this.ids.has(this.anchor!) || this.ids.size === 0;
    const [a, b] = from < to ? [from, to] : [to, from];
    for (const key of order.slice(a, b + 1)) {
      if (select) this.ids.add(key);
      else this.ids.delete(key);
    }
    this.anchor = id;
  }

  selectAll(order: readonly string[]): void {
    order.forEach((id) => this.ids.add(id));
  }

  /** Every loaded entry is selected (then the bar offers all matching). */
  coversAll(order: readonly string[]): boolean {
    return order.length > 0 && order.every((id) => this.ids.has(id));
  }

  clear(): void {
    this.ids.clear();
    this.anchor = null;
    this.allMatching = false;
  }

  /** Forgets ids that left the list. */
  retain(order: readonly string[]): void {
    const present = new Set(order);
    for (const id of [...this.ids]) if (!present.has(id)) this.ids.delete(id);
    if (this.anchor && !present.has(this.anchor)) this.anchor = null;
  }
}
