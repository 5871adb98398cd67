import { BUNDLE_LIMIT_BYTES, bundleSize } from './bundling';
import { ALL_FUNCTIONS } from './lambdaFunctions';

/** `npm run build`: bundles every handler as the stack deploys it and prints its size; fails over the limit. */
let over = 0;
console.log(`Lambda bundles (minified, AWS SDK from the runtime), limit ${BUNDLE_LIMIT_BYTES / 1024} KB:`);
for (const spec of ALL_FUNCTIONS) {
  const bytes = await bundleSize(spec);
  const flag = bytes > BUNDLE_LIMIT_BYTES ? '  OVER THE LIMIT' : '';
  if (flag) over += 1;
  console.log(`  ${spec.id.padEnd(22)} ${(bytes / 1024).toFixed(1).padStart(7)} KB  ${spec.entry}${flag}`);
}
if (over > 0) {
  console.error(`${over} bundle(s) over ${BUNDLE_LIMIT_BYTES / 1024} KB`);
  process.exit(1);
}
