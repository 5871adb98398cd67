import { describe, expect, it } from 'vitest';
import { barWidths, TURNOUT_CHART, turnoutPoints } from '../../web/admin/monitor-chart.js';

describe('the monitor’s charts', () => {
  const { width, height, left, right, top, bottom } = TURNOUT_CHART;
  const base = height - bottom;

  it('draws turnout from the first sample at the left to the last at the right, 0 at the bottom and every voter at the top', () => {
    const points = turnoutPoints(
      [
        { at: 1_000, voted: 0 },
        { at: 6_000, voted: 50 },
        { at: 11_000, voted: 100 },
      ],
      100,
    );
    expect(points).toEqual([
      { x: left, y: base },
      { x: left + (width - left - right) / 2, y: top + (base - top) / 2 },
      { x: width - right, y: top },
    ]);
  });

  it('keeps one sample, an empty roll and a count above the roll inside the chart', () => {
    expect(turnoutPoints([{ at: 5, voted: 3 }], 0)).toEqual([{ x: left, y: top }]);
    expect(turnoutPoints([], 10)).toEqual([]);
    expect(turnoutPoints([{ at: 0, voted: 12 }], 10)[0]!.y).toBe(top);
  });

  it('makes each bar as long as its share of the largest count, and a contest of no votes all empty', () => {
    expect(
      barWidths(
        [
          { candidate: 'Ada', votes: 8 },
          { candidate: 'Grace', votes: 2 },
        ],
        360,
      ),
    ).toEqual([
      { candidate: 'Ada', votes: 8, width: 360 },
      { candidate: 'Grace', votes: 2, width: 90 },
    ]);
    expect(barWidths([{ candidate: 'yes', votes: 0 }], 360)).toEqual([{ candidate: 'yes', votes: 0, width: 0 }]);
  });
});
