import { parseArgs } from 'node:util';
import { REHEARSAL_CLOCK_PATH } from './rehearsalClock';

/**
 * `npm run clock -- --forward 3d` or `--to 2026-12-20T18:00:00Z`: moves the clock of a local stack
 * started with `npm start -- --rehearsal` forward, so its workflow opens, reminds, closes and
 * publishes as if that time had come; with neither option, says what time the stack has. The
 * stack is at ELECTION_API, or http://127.0.0.1:<--port or PORT or 3000>.
 */
const { values } = parseArgs({ options: { forward: { type: 'string' }, to: { type: 'string' }, port: { type: 'string' } } });
if (values.forward !== undefined && values.to !== undefined) fail('Give --forward <duration> or --to <time>, not both', 2);
const base = process.env.ELECTION_API ?? `http://127.0.0.1:${values.port ?? process.env.PORT ?? 3000}`;
const body = values.forward !== undefined ? { forwardMs: durationMs(values.forward) } : values.to !== undefined ? { to: values.to } : {};

const response = await fetch(`${base}${REHEARSAL_CLOCK_PATH}`, { method: 'POST', body: JSON.stringify(body) }).catch((error: Error) =>
  fail(`Could not reach the local stack at ${base} (is npm start -- --rehearsal running?): ${error.message}`),
);
const answer = (await response.json().catch(() => ({}))) as { now?: string; error?: { message: string } };
if (response.status === 404) fail(`The local stack at ${base} runs on real time: start it with npm start -- --rehearsal to move its clock.`);
if (!response.ok || !answer.now) fail(`The clock was not moved: ${answer.error?.message ?? `HTTP ${response.status}`}`);
console.log(`The stack's clock now reads ${answer.now}.`);

/** A duration such as 90s, 15m, 2h, 3d or 2w, in milliseconds. */
function durationMs(text: string): number {
  const match = /^(\d+)(s|m|h|d|w)$/.exec(text.trim());
  if (!match) fail(`--forward "${text}" is not a duration: write a whole number and a unit, like 90s, 15m, 2h, 3d or 2w`, 2);
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[match[2] as 's' | 'm' | 'h' | 'd' | 'w'];
  return Number(match[1]) * unit;
}

function fail(why: string, code = 1): never {
  console.error(why);
  process.exit(code);
}
