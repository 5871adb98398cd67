import { build, buildSync, type BuildOptions } from 'esbuild';
import { existsSync as exists, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEB_DIR } from './webPages';

/**
 * The backend's own code, bundled for the browser: the console validates a draft election with
 * the API's zod schemas and the observers' view verifies an export with the verifier of
 * `audit verify`, so neither page carries a second copy of the rules. Each `web/lib/<name>.ts` is
 * one bundle, served as `/lib/<name>.js`. The domain hashes with `node:crypto`; in the browser
 * the same calls go to `web/lib/node-crypto.ts` (SHA-256 of @noble/hashes), which the tests hold
 * to node's digests.
 */
export const WEB_LIB_DIR = join(WEB_DIR, 'lib');
export const WEB_BUNDLE_PREFIX = 'lib/';
const BUNDLE_NAME = /^[a-z][a-z0-9-]*$/;

/** An entry of web/lib that is a bundle: a plain name, not the node:crypto stand-in, and there. */
const isBundle = (name: string) => BUNDLE_NAME.test(name) && name !== 'node-crypto' && exists(join(WEB_LIB_DIR, `${name}.ts`));

/** The names of the bundles: every entry file in web/lib but the node:crypto stand-in. */
export function webBundleNames(): string[] {
  const files = exists(WEB_LIB_DIR) ? readdirSync(WEB_LIB_DIR) : [];
  return files
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .filter(isBundle)
    .sort();
}

const options = (name: string): BuildOptions & { write: false } => ({
  entryPoints: [join(WEB_LIB_DIR, `${name}.ts`)],
  bundle: true,
  write: false,
  outfile: `${name}.js`,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  minify: true,
  mainFields: ['browser', 'module', 'main'],
  alias: { 'node:crypto': join(WEB_LIB_DIR, 'node-crypto.ts') },
  legalComments: 'none',
  logLevel: 'silent',
});

/** One bundle, minified ES module for the browsers the pages support; undefined if there is no such entry. */
export async function buildWebBundle(name: string): Promise<Uint8Array | undefined> {
  if (!isBundle(name)) return undefined;
  return (await build(options(name))).outputFiles[0]!.contents;
}

/** Every bundle written into `<dir>/lib/` as `<name>.js`, at synth (a construct is built synchronously): what the stack deploys beside the pages. */
export function writeWebBundles(dir: string): string[] {
  const names = webBundleNames();
  mkdirSync(join(dir, WEB_BUNDLE_PREFIX), { recursive: true });
  for (const name of names) writeFileSync(join(dir, WEB_BUNDLE_PREFIX, `${name}.js`), buildSync(options(name)).outputFiles[0]!.contents);
  return names;
}
