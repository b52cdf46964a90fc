const upgraded = new WeakSet<object>();

/**
 * The standard "upgrade property" step (web.dev, custom element best practices): a property a host script set on the
 * element before its class was defined is an own data property that hides the class's accessor. Take each one off
 * and set it again, so the accessor sees it (issue 21: any load order). Lit's reactive properties are kept by Lit
 * itself; this catches the plain accessors (`tokenProvider` …). Idempotent.
 */
export function upgradeProperties(element: HTMLElement): void {
  if (upgraded.has(element)) return;
  upgraded.add(element);
  for (const name of Object.keys(element)) {
    if (name.startsWith('_') || !hasSetter(Object.getPrototypeOf(element), name)) continue;
    const value = (element as unknown as Record<string, unknown>)[name];
    delete (element as unknown as Record<string, unknown>)[name];
    (element as unknown as Record<string, unknown>)[name] = value;
  }
}

function hasSetter(proto: object | null, name: string): boolean {
  for (let p = proto; p && p !== HTMLElement.prototype; p = Object.getPrototypeOf(p)) {
    const descriptor = Object.getOwnPropertyDescriptor(p, name);
    if (descriptor) return !!descriptor.set;
  }
  return false;
}
