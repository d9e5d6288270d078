import { describe, expect, it } from 'vitest';
import { filterQuery, NO_FILTERS } from './api.js';
import { parseFigure } from './Admin.js';
import { parseTypedEuros } from './CostShares.js';

describe('the session log filters as a query string', () => {
  it('sends only the filters set, trimmed, and nothing at all without them (the server refuses empty parameters)', () => {
    expect(filterQuery(NO_FILTERS)).toBe('');
    expect(filterQuery({ ...NO_FILTERS, q: '   ', municipality: 'liperi' })).toBe('?municipality=liperi');
    expect(filterQuery({ ...NO_FILTERS, q: '  50% & tuki_ ', noShow: 'true', from: '2025-09-01' }, { after: 'abc/+=' })).toBe('?from=2025-09-01&noShow=true&q=50%25+%26+tuki_&after=abc%2F%2B%3D');
  });
});

describe('numbers as people type them', () => {
  it('reads a euro total with spaces and a decimal comma, and refuses anything else or zero', () => {
    expect(parseTypedEuros('100 000')).toBe(100_000);
    expect(parseTypedEuros('1\u00a0234,5 €')).toBe(1234.5);
    expect(parseTypedEuros('120000.05')).toBe(120_000.05);
    for (const bad of ['', 'abc', '0', '1,234,5', '-5', '1.234']) expect(parseTypedEuros(bad), bad).toBeUndefined();
  });

  it('reads a municipal figure: empty is "not entered", a whole number itself, anything else invalid', () => {
    expect(parseFigure('  ')).toBeNull();
    expect(parseFigure(' 480 ')).toBe(480);
    for (const bad of ['4.5', '-1', 'x', '1e3']) expect(parseFigure(bad), bad).toBeUndefined();
  });
});
