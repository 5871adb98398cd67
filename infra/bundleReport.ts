import { BUNDLE_LIMIT_BYTES, bundleSize } from './bundling';
import { ALL_FUNCTIONS } from './lambdaFunctions';

/** `npm run build`: bundles every handler as the stack deploys it and prints its size; fails over its limit. */
let over = 0;
console.log(`Lambda bundles (minified, AWS SDK from the runtime), limit ${BUNDLE_LIMIT_BYTES / 1024} KB unless a function names its own:`);
for (const spec of ALL_FUNCTIONS) {
  const bytes = await bundleSize(spec);
  const limit = spec.bundleLimitBytes ?? BUNDLE_LIMIT_BYTES;
  const flag = bytes > limit ? `  OVER ITS LIMIT OF ${limit / 1024} KB` : limit === BUNDLE_LIMIT_BYTES ? '' : `  (its limit: ${limit / 1024} KB)`;
  if (bytes > limit) over += 1;
  console.log(`  ${spec.id.padEnd(22)} ${(bytes / 1024).toFixed(1).padStart(7)} KB  ${spec.entry}${flag}`);
}
if (over > 0) {
  console.error(`${over} bundle(s) over their limit`);
  process.exit(1);
}
