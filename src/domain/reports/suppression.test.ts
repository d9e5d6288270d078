import { describe, expect, it } from 'vitest';
import { suppressedCell, suppressSmallCount } from './suppression.js';

describe('small-count suppression', () => {
  it('keeps 0, hides 1–4, shows 5 and up', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 1000].map(suppressSmallCount)).toEqual([0, null, null, null, null, 5, 6, 1000]);
  });

  it('writes a hidden count as "< 5" in a CSV cell and a shown one as the number', () => {
    expect([suppressedCell(null), suppressedCell(0), suppressedCell(5)]).toEqual(['< 5', '0', '5']);
  });

  it('refuses a count that cannot be one (a bug upstream, not data to hide)', () => {
    expect(() => suppressSmallCount(-1)).toThrow(RangeError);
    expect(() => suppressSmallCount(2.5)).toThrow(RangeError);
  });
});
