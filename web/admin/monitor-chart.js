// @ts-check
/**
 * The monitor's two charts, drawn as inline SVG from numbers only (no library, no style
 * attributes: the page's Content-Security-Policy allows none): turnout over time as a line, and
 * a contest's votes as bars. The geometry is computed by pure functions, tested in node.
 */

const SVG = 'http://www.w3.org/2000/svg';

/** The drawing area of the turnout chart, in SVG units; it scales with the page's width. */
export const TURNOUT_CHART = { width: 640, height: 200, left: 48, right: 12, top: 12, bottom: 28 };

/**
 * @typedef {{ at: number, voted: number }} Sample turnout (voters online and by post) at a moment, in ms since the epoch
 */

/**
 * Where each sample lies in the chart: time left to right from the first sample to the last,
 * turnout bottom to top from 0 to every voter who may vote. One sample alone is a point at the left.
 * @param {Sample[]} samples in time order
 * @param {number} registered
 * @returns {{ x: number, y: number }[]}
 */
export function turnoutPoints(samples, registered, { width, height, left, right, top, bottom } = TURNOUT_CHART) {
  const first = samples[0]?.at ?? 0;
  const span = Math.max(1, (samples[samples.length - 1]?.at ?? first) - first);
  const innerWidth = width - left - right;
  const innerHeight = height - top - bottom;
  const most = Math.max(1, registered);
  return samples.map(({ at, voted }) => ({
    x: round(left + ((at - first) / span) * innerWidth),
    y: round(top + innerHeight - (Math.min(voted, most) / most) * innerHeight),
  }));
}

/**
 * The bars of a contest's counts: each as wide as its share of the largest count.
 * @param {{ candidate: string, votes: number }[]} counts
 * @param {number} width the longest bar's width
 * @returns {{ candidate: string, votes: number, width: number }[]}
 */
export function barWidths(counts, width) {
  const most = Math.max(1, ...counts.map((c) => c.votes));
  return counts.map(({ candidate, votes }) => ({ candidate, votes, width: round((votes / most) * width) }));
}

const round = (/** @type {number} */ n) => Math.round(n * 10) / 10;

/**
 * An SVG element with attributes.
 * @param {string} tag
 * @param {Record<string, string | number>} attributes
 * @param {...(Node | string)} children
 * @returns {SVGElement}
 */
function svg(tag, attributes, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return /** @type {SVGElement} */ (element);
}

/**
 * The turnout line with its axes' end labels; `label` says in words what it shows.
 * @param {Sample[]} samples
 * @param {number} registered
 * @param {{ label: string, from: string, to: string, most: string }} words the times of the first and last sample, and the top of the scale
 */
export function turnoutChart(samples, registered, words) {
  const { width, height, left, right, top, bottom } = TURNOUT_CHART;
  const points = turnoutPoints(samples, registered);
  const base = height - bottom;
  return svg(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': words.label, class: 'chart turnout-chart' },
    svg('line', { x1: left, y1: base, x2: width - right, y2: base, class: 'axis' }),
    svg('line', { x1: left, y1: top, x2: left, y2: base, class: 'axis' }),
    svg('text', { x: left - 6, y: top + 10, 'text-anchor': 'end', class: 'tick' }, words.most),
    svg('text', { x: left - 6, y: base, 'text-anchor': 'end', class: 'tick' }, '0'),
    svg('text', { x: left, y: height - 8, class: 'tick' }, words.from),
    svg('text', { x: width - right, y: height - 8, 'text-anchor': 'end', class: 'tick' }, words.to),
    points.length > 1 ? svg('polyline', { points: points.map((p) => `${p.x},${p.y}`).join(' '), class: 'line' }) : '',
    ...points.slice(-1).map((p) => svg('circle', { cx: p.x, cy: p.y, r: 4, class: 'dot' })),
  );
}

const BAR = { height: 22, gap: 8, label: 200, bar: 360, value: 60 };

/**
 * A contest's votes as bars, each labelled with its name and its votes.
 * @param {{ candidate: string, votes: number }[]} counts
 * @param {string} label what the chart shows, in words, with every count
 */
export function votesChart(counts, label) {
  const bars = barWidths(counts, BAR.bar);
  const height = bars.length * (BAR.height + BAR.gap);
  const width = BAR.label + BAR.bar + BAR.value;
  return svg(
    'svg',
    { viewBox: `0 0 ${width} ${Math.max(height, BAR.height)}`, role: 'img', 'aria-label': label, class: 'chart votes-chart' },
    ...bars.flatMap((bar, i) => {
      const y = i * (BAR.height + BAR.gap);
      return [
        svg('text', { x: BAR.label - 8, y: y + BAR.height - 6, 'text-anchor': 'end', class: 'tick' }, bar.candidate),
        svg('rect', { x: BAR.label, y, width: Math.max(bar.width, 1), height: BAR.height, class: 'bar' }),
        svg('text', { x: BAR.label + bar.width + 6, y: y + BAR.height - 6, class: 'tick' }, String(bar.votes)),
      ];
    }),
  );
}
