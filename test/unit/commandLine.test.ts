import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../cli/commandLine';

/** One receipt in 64 begins with "-" (22 base64url characters): the voter must still be able to check it. */
describe('the command line as parsed', () => {
  it('takes a receipt that begins with "-" or "--" as the operand it is, wherever it stands', () => {
    expect(parseCommandLine(['audit', 'receipt', 'export.ndjson', '-Qx3mT0aZ_k9bWc2yLr8vE']).positionals).toEqual(['audit', 'receipt', 'export.ndjson', '-Qx3mT0aZ_k9bWc2yLr8vE']);
    expect(parseCommandLine(['audit', 'receipt', '--Qx3mT0aZ_k9bWc2yLr8v', 'export.ndjson']).positionals).toEqual(['audit', 'receipt', '--Qx3mT0aZ_k9bWc2yLr8v', 'export.ndjson']);
  });

  it('gives an option a value of that shape as it was typed', () => {
    const { values, positionals } = parseCommandLine(['audit', 'blt', 'export.ndjson', '--out=-Qx3mT0aZ_k9bWc2yLr8vE', '--remind-at=-Qx3mT0aZ_k9bWc2yLr8vE']);
    expect(values.out).toBe('-Qx3mT0aZ_k9bWc2yLr8vE');
    expect(values['remind-at']).toEqual(['-Qx3mT0aZ_k9bWc2yLr8vE']);
    expect(positionals).toEqual(['audit', 'blt', 'export.ndjson']);
  });

  it('still refuses an unknown option, and reads the known ones', () => {
    expect(() => parseCommandLine(['admin', 'mail', 'x', '--jsn'])).toThrow(/Unknown option '--jsn'/);
    expect(() => parseCommandLine(['admin', 'mail', 'x', '-j'])).toThrow(/Unknown option '-j'/);
    expect(parseCommandLine(['admin', 'mail', 'x', '--json', '-h']).values).toEqual({ json: true, help: true });
    expect(parseCommandLine(['admin', 'start', 'x', '--confirm-compromised']).values).toEqual({ 'confirm-compromised': true });
  });
});
