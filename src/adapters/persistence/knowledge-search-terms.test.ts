import { describe, expect, it } from 'vitest';
import { fts5Query, MAX_SEARCH_WORDS, prefixStem, searchWords } from './knowledge-search-terms.js';

describe('prefixStem', () => {
  it.each([
    ['oleskelulupa', 'oleskelulu'],
    ['oleskeluluvan', 'oleskelulu'],
    ['oleskeluluvasta', 'oleskelulu'],
    ['asunto', 'asun'],
    ['asunnon', 'asun'],
    ['asunnossa', 'asun'],
    ['kotoutuminen', 'kotoutumi'],
    ['kotoutumisen', 'kotoutumi'],
    ['hakemuksen', 'hakemu'],
    ['permits', 'permi'],
    ['kela', 'kela'],
  ])('%s → %s', (word, stem) => {
    expect(prefixStem(word)).toBe(stem);
    expect(word.startsWith(prefixStem(word))).toBe(true);
  });
});

describe('searchWords', () => {
  it('keeps letters and digits only, lower-cased, without one-letter words, stop words or repeats', () => {
    expect(searchWords('Miten "OLESKELULUPA"* haetaan: a & (oleskelulupa) | NEAR 2025?').map((w) => w.word)).toEqual(['oleskelulupa', 'haetaan', 'near', '2025']);
    expect(searchWords('  ')).toEqual([]);
    expect(searchWords('the and ja och')).toEqual([]);
  });

  it('keeps at most MAX_SEARCH_WORDS words', () => {
    expect(searchWords(Array.from({ length: 40 }, (_, i) => `sana${i}`).join(' '))).toHaveLength(MAX_SEARCH_WORDS);
  });
});

describe('fts5Query', () => {
  it('quotes every term as a prefix phrase and ORs the words', () => {
    expect(fts5Query(searchWords('oleskeluluvan NEAR kela'))).toBe('("oleskeluluvan"* OR "oleskelulu"*) OR "near"* OR "kela"*');
  });
});
