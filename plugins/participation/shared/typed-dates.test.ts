import { formatTypedDateTime, parseTypedDateTime, spelledDateTime } from './typed-dates';

const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();

describe('dates typed by staff', () => {
  it.each([
    ['15/01/2027 09:30', local(2027, 1, 15, 9, 30)],
    ['15/01/2027 9h30', local(2027, 1, 15, 9, 30)],
    ['15/1/27 9h', local(2027, 1, 15, 9, 0)],
    ['15.01.2027 à 17h45', local(2027, 1, 15, 17, 45)],
    ['15-01-2027 17:07', local(2027, 1, 15, 17, 7)],
    ['  15/01/2027   ', local(2027, 1, 15)],
    ['2027-01-15T09:30', local(2027, 1, 15, 9, 30)],
    ['2027-01-15 09:30', local(2027, 1, 15, 9, 30)],
    ['2027-01-15', local(2027, 1, 15)],
    ['2027-01-15T09:30:00.000Z', Date.UTC(2027, 0, 15, 9, 30)],
    ['29/02/2028 12:00', local(2028, 2, 29, 12)],
  ])('reads « %s »', (typed, expected) => {
    expect(parseTypedDateTime(typed)?.getTime()).toBe(expected);
  });

  it.each(['', 'demain', '31/02/2027', '29/02/2027', '15/13/2027', '15/01/2027 24:00', '15/01/2027 10:60', '15/01', '2027-13-01', '15/01/2027 9h30 du matin'])(
    'refuses « %s »',
    (typed) => {
      expect(parseTypedDateTime(typed)).toBeNull();
    }
  );

  it('writes a date back as it is typed, and reads it again to the same minute', () => {
    const date = new Date(2027, 0, 5, 7, 3);
    expect(formatTypedDateTime(date)).toBe('05/01/2027 07:03');
    expect(parseTypedDateTime(formatTypedDateTime(date.toISOString()))?.getTime()).toBe(date.getTime());
    expect(formatTypedDateTime(null)).toBe('');
    expect(formatTypedDateTime('pas une date')).toBe('pas une date');
  });

  it('spells the date out in French', () => {
    expect(spelledDateTime(new Date(2027, 0, 15, 9, 30))).toBe('vendredi 15 janvier 2027 à 09:30');
  });
});
