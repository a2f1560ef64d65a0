/** Tiny DOM builder: text is always set as text nodes, never parsed as HTML. */
export type Child = Node | string | number | null | undefined | false;

type Handlers = { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };

export interface Props {
  class?: string;
  testid?: string;
  text?: string;
  attrs?: Record<string, string | number | boolean | null | undefined>;
  data?: Record<string, string | number | null | undefined>;
  on?: Handlers;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    if (props.class) el.className = props.class;
    if (props.testid) el.dataset['testid'] = props.testid;
    for (const [name, value] of Object.entries(props.attrs ?? {})) {
      if (value === true) el.setAttribute(name, '');
      else if (value !== false && value !== null && value !== undefined) el.setAttribute(name, String(value));
    }
    for (const [name, value] of Object.entries(props.data ?? {})) {
      if (value !== null && value !== undefined) el.dataset[name] = String(value);
    }
    for (const [name, handler] of Object.entries(props.on ?? {})) {
      el.addEventListener(name, handler as EventListener);
    }
    if (props.text !== undefined) el.textContent = props.text;
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function show(el: HTMLElement, visible: boolean): void {
  el.hidden = !visible;
}
