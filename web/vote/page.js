// @ts-check
import { h, present } from './dom.js';
import { LANG_NAMES, pickLanguage } from './i18n.js';

/**
 * What the three pages (the voter page, the console, the observers' view) do alike: the
 * language, picked from the browser's and kept under the page's own storage key (the only thing
 * any page stores), the switch that changes it, and views that move focus to their heading.
 * @typedef {import('./i18n.js').Lang} Lang
 */

/** @param {Lang} lang */
const otherLanguage = (lang) => (lang === 'en' ? 'de' : 'en');

/**
 * The language a page starts in: the one chosen on an earlier visit, else the browser's.
 * @param {string} storageKey
 * @returns {Lang}
 */
export function startingLanguage(storageKey) {
  let saved = null;
  try {
    saved = localStorage.getItem(storageKey);
  } catch {
    // Storage may be off (private mode): the browser's languages decide.
  }
  return pickLanguage(navigator.languages ?? [navigator.language], saved);
}

/**
 * Makes the switch change the page's language, remember it, and show the page again in it.
 * @param {HTMLButtonElement} button
 * @param {string} storageKey
 * @param {{ lang: Lang }} session where the page keeps its language
 * @param {() => void} showAgain shows the same view again, focus where it is
 */
export function onLanguageSwitch(button, storageKey, session, showAgain) {
  button.addEventListener('click', () => {
    session.lang = otherLanguage(session.lang);
    try {
      localStorage.setItem(storageKey, session.lang);
    } catch {
      // Storage may be off (private mode); the switch still works for this visit.
    }
    showAgain();
  });
}

/**
 * Marks the document as being in `lang`, and labels the switch with the other language, in it.
 * @param {Lang} lang
 * @param {HTMLButtonElement} button
 */
export function labelLanguage(lang, button) {
  document.documentElement.lang = lang;
  button.textContent = LANG_NAMES[otherLanguage(lang)];
  button.lang = otherLanguage(lang);
}

/**
 * Puts a view into the page's view element under its heading; unless told otherwise, focus moves
 * to the heading, so that keyboard and screen reader users start reading where the page changed.
 * @param {HTMLElement} container
 * @param {string} heading
 * @param {(Node | string | null | undefined | false)[]} body
 * @param {boolean} moveFocus
 */
export function showView(container, heading, body, moveFocus) {
  const title = h('h2', { id: 'view-heading', tabindex: '-1' }, heading);
  container.replaceChildren(title, ...present(...body));
  if (moveFocus) title.focus();
}
