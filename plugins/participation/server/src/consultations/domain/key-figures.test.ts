import { keyFiguresSchema, keyFigureValue } from './key-figures';

describe('key figures typed by staff', () => {
  it.each([
    ['3,5', 3.5],
    ['3.5', 3.5],
    ['1240', 1240],
    ['1 240', 1240],
    ['1\u00a0240,5', 1240.5],
    ['1\u202f240\u202f000', 1240000],
    ['-2,5', -2.5],
  ])('reads « %s » as the number %s', (typed, number) => {
    expect(keyFigureValue(typed)).toBe(number);
  });

  it.each(['2 sur 3', '+12 %', '3,5 M€', '1,2,3', '12 34', 'trois'])('keeps « %s » as text', (typed) => {
    expect(keyFigureValue(typed)).toBe(typed);
  });

  it('stores what the schema reads', () => {
    expect(
      keyFiguresSchema.parse([
        { label: 'Budget', value: ' 2,5 ', unit: 'M€' },
        { label: 'Votes', value: 1240 },
      ])
    ).toEqual([
      { label: 'Budget', value: 2.5, unit: 'M€' },
      { label: 'Votes', value: 1240 },
    ]);
  });
});
