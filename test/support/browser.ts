import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium, installed by .ci/run; a browser is never downloaded. */
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT_DIR = 'artifacts/voter-page';
export const WIDTHS = { phone: 360, desktop: 1280 } as const;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

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

/** Full-page screenshots of the current state at phone and desktop width, into `dir` (the voter page's by default); the viewport ends at phone width. */
export async function capture(page: Page, state: string, dir: string = SCREENSHOT_DIR): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const [name, width] of Object.entries(WIDTHS).reverse()) {
    await page.setViewportSize({ width, height: 800 });
    const file = `${dir}/${state}-${width}px-${name}.png`;
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  return files;
}
