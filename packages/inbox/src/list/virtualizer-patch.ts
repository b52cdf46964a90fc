import { virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';

type Position = { top: number; left: number; width?: number; height?: number; xOffset?: number; yOffset?: number };
type Internals = {
  _children: HTMLElement[];
  _first: number;
  _positionChildren(pos: Map<number, Position> | null): void;
};

/**
 * @lit-labs/virtualizer 2.1.1 positions its rendered rows by re-reading `this._children` (a walk over every child)
 * once per row, so each scroll frame costs rows² DOM visits — ~35 ms per frame deep in a 10,000-row list on this
 * machine (bench/inbox-scroll.bench.ts; upstream lit/lit#5006). This walks the children once per frame and sets the
 * same styles as the original; the class is not exported, so its prototype is reached through a live instance. Pinned
 * version: re-check the bench when upgrading, and drop this once upstream does it.
 */
export function patchVirtualizer(host: HTMLElement | undefined | null): void {
  const instance = (host as unknown as Record<symbol, object | undefined> | null)?.[virtualizerRef];
  if (!instance) return;
  const proto = Object.getPrototypeOf(instance) as Internals & { heraldPatched?: boolean };
  if (proto.heraldPatched) return;
  proto.heraldPatched = true;
  proto._positionChildren = positionChildren;
}

function positionChildren(this: Internals, pos: Map<number, Position> | null) {
  if (!pos) return;
  const children = this._children;
  pos.forEach(({ top, left, width, height, xOffset, yOffset }, index) => {
    const child = children[index - this._first];
    if (!child) return;
    child.style.position = 'absolute';
    child.style.boxSizing = 'border-box';
    child.style.transform = `translate(${left}px, ${top}px)`;
    if (width !== undefined) child.style.width = `${width}px`;
    if (height !== undefined) child.style.height = `${height}px`;
    child.style.left = xOffset === undefined ? '' : `${xOffset}px`;
    child.style.top = yOffset === undefined ? '' : `${yOffset}px`;
  });
}
