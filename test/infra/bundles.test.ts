import { describe, expect, it } from 'vitest';
import { BUNDLE_LIMIT_BYTES, bundleSize } from '../../infra/bundling';
import { ALL_FUNCTIONS } from '../../infra/lambdaFunctions';

describe('Lambda bundles', () => {
  it.each(ALL_FUNCTIONS.map((spec) => [spec.id, spec] as const))('%s stays under 400 KB minified', async (_, spec) => {
    expect(await bundleSize(spec)).toBeLessThan(BUNDLE_LIMIT_BYTES);
  });
});
