// @ts-check
/** Builds elements from data with textContent only: names from the API are never parsed as HTML. */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | boolean | ((event: Event) => void)>} [attributes] `on…` entries are listeners; `true` sets an empty attribute.
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false) element.setAttribute(name, value);
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

/**
 * The parts worth showing: a view lists optional parts inline, and leaves out the absent ones.
 * @param {(Node | string | null | undefined | false)[]} parts
 */
export const present = (...parts) => /** @type {(Node | string)[]} */ (parts.filter((part) => part !== null && part !== undefined && part !== false && part !== ''));

/**
 * Saves text as a file made in the browser: what it holds goes to no server.
 * @param {string} name
 * @param {string} text
 * @param {string} type
 */
export function saveFile(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = h('a', { href: url, download: name, hidden: true });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The click has started the download; the file is freed once it has surely been read.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Copies text to the clipboard and says how it went in `status`.
 * @param {string} text
 * @param {HTMLElement} status
 * @param {{ done: string, failed: string }} words
 */
export async function copyText(text, status, words) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = words.done;
  } catch {
    status.textContent = words.failed;
  }
}
