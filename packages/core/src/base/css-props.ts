import { noChange, nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

type Props = Record<string, string | number | null | undefined>;

/**
 * Sets CSS properties on an element through CSSOM (`el.style.setProperty`), on every render including the first.
 * Under a strict CSP (`style-src 'self'`, no 'unsafe-inline') a `style` attribute is refused — and lit's styleMap
 * writes one on first render — while CSSOM writes are allowed. Use as an element binding:
 * `<li ${cssProps({ '--depth': 2 })}>`.
 */
class CssPropsDirective extends Directive {
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProps() is an element binding: <li ${cssProps({…})}>.');
  }

  render(_props: Props) {
    return nothing;
  }

  override update(part: ElementPart, [props]: [Props]) {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) if (!(name in props) || props[name] == null) style.removeProperty(name);
    for (const [name, value] of Object.entries(props)) if (value != null) style.setProperty(name, String(value));
    this.previous = new Set(Object.keys(props));
    return noChange;
  }
}

export const cssProps = directive(CssPropsDirective);
