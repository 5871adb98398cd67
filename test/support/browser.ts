import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export { launchChromium } from './chromium';

const SCREENSHOT_DIR = 'artifacts/voter-page';
export const WIDTHS = { phone: 360, desktop: 1280 } as const;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's WCAG 2.0/2.1 A and AA rules on the page as it stands. Evaluated through the DevTools
 * protocol, which the page's Content-Security-Policy does not govern, so the policy stays on.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const { violations } = await page.evaluate<{ violations: (AxeViolation & { nodes: { target: string[] }[] })[] }>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`,
  );
  return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}

/**
 * What every state a browser test reaches is held to: no serious or critical axe violation at each
 * of `widths` (the phone's alone unless said), no sideways scroll at 360 px (naming the elements
 * that stick out), and screenshots at phone and desktop width named after the state, into `dir`
 * (the voter page's by default). The viewport is left as it was.
 */
export async function checkState(page: Page, state: string, { dir = SCREENSHOT_DIR, widths = [WIDTHS.phone] }: { dir?: string; widths?: readonly number[] } = {}): Promise<void> {
  const viewport = page.viewportSize();
  const height = viewport?.height ?? 800;
  for (const width of widths) {
    await page.setViewportSize({ width, height });
    const blocking = (await axeViolations(page)).filter((v) => v.impact !== 'minor');
    expect(blocking, `${state} at ${width} px: ${JSON.stringify(blocking, null, 2)}`).toEqual([]);
  }
  await page.setViewportSize({ width: WIDTHS.phone, height });
  const wide = await page.evaluate<string[]>(
    `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > ${WIDTHS.phone + 1} || e.scrollWidth > e.clientWidth + 1).map((e) => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 12)`,
  );
  expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `${state} scrolls sideways at ${WIDTHS.phone} px: ${wide.join(', ')}`).toBeLessThanOrEqual(WIDTHS.phone);
  await capture(page, state, dir);
  if (viewport) await page.setViewportSize(viewport);
}

/** Full-page screenshots of the current state at desktop and phone width, into `dir`. */
async function capture(page: Page, state: string, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const [name, width] of Object.entries(WIDTHS).reverse()) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `${dir}/${state}-${width}px-${name}.png`, fullPage: true });
  }
}
