import { build, type BuildOptions } from 'esbuild';
import { Charset, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { LambdaSpec } from './lambdaFunctions';

/**
 * How every Lambda is bundled. The AWS SDK v3 ships with the Node.js runtime, so it stays out;
 * `module` first lets esbuild tree-shake zod's ESM build (and drop its locales). Text stays UTF-8
 * (Node reads a function's code as UTF-8): esbuild's default escapes every other character as
 * \uXXXX, which made Unicode's confusables table 115 KB of every bundle instead of about 71.
 */
export const BUNDLING = {
  minify: true,
  target: 'node22',
  externalModules: ['@aws-sdk/*'],
  mainFields: ['module', 'main'],
  charset: 'utf8',
} as const;

export const nodejsBundling: BundlingOptions = {
  ...BUNDLING,
  externalModules: [...BUNDLING.externalModules],
  mainFields: [...BUNDLING.mainFields],
  charset: Charset.UTF8,
  sourceMap: true,
};

/**
 * Limit per handler bundle: small bundles keep cold starts short. The API's bundles are the
 * largest: every route, zod with its JSON Schema code (the OpenAPI document at /openapi.json),
 * Powertools' logger and metrics, Unicode's confusables table (about 71 KB as UTF-8) that
 * compares names, and since the sealed box the group and proofs its routes check (about 75 KB:
 * @noble's curves, hashes and ciphers, domain/crypto): about 450 KB, importing in a fresh Node
 * process in about 130 ms. Since the committee's accounts, every route signs its members in
 * (aws-jwt-verify, about 17 KB, with the authenticator, the token store and the member and
 * sign-in routes): about 520 KB; since the postal papers in the count (their entries, compared
 * and counted in, in every function that decides: about 10 KB, with their routes and OpenAPI
 * text): about 573 KB. Each function still bundles every route, which the router compiles;
 * splitting the routes by group is what would bring the public functions down again.
 */
export const BUNDLE_LIMIT_BYTES = 600 * 1024;

/** esbuild's options for one function, as NodejsFunction bundles it. */
export function esbuildOptions(spec: LambdaSpec): BuildOptions {
  return {
    entryPoints: [spec.entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    minify: BUNDLING.minify,
    target: BUNDLING.target,
    external: [...BUNDLING.externalModules],
    mainFields: [...BUNDLING.mainFields],
    charset: BUNDLING.charset,
    logLevel: 'silent',
  };
}

/** Bundles one function as the stack does, in memory, and returns its minified size in bytes. */
export async function bundleSize(spec: LambdaSpec): Promise<number> {
  const result = await build({ ...esbuildOptions(spec), write: false, outfile: 'index.js' });
  return result.outputFiles.reduce((sum, file) => sum + file.contents.length, 0);
}
