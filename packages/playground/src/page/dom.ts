/** A small element builder: the page has a handful of dynamic parts and no framework. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string | undefined)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child !== undefined) element.append(child);
  return element;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

/** A copy button for a value; the clipboard may be refused (file://, no permission): then select it. */
export function copyButton(label: string, value: () => string, fallback?: HTMLElement): HTMLButtonElement {
  const button = h("button", { type: "button", class: "copy" }, `Copy ${label}`);
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(value()).then(
      () => (button.textContent = "Copied"),
      () => {
        if (fallback) window.getSelection()?.selectAllChildren(fallback);
        button.textContent = "Select and copy";
      },
    );
    setTimeout(() => (button.textContent = `Copy ${label}`), 1500);
  });
  return button;
}
