// `Fri, 18 Oct 2019 17:02:00 +0000`: RFC 2822's date-time (section 3.3), as Twilio writes
// every time. Read field by field, never through `Date.parse`, which rolls `31 Feb` over into
// March, takes `24:00`, `10:00:60` and an offset of `+9999`, and reads texts RFC 2822 does not.
const pattern =
  /^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? ([+-]\d{4}|GMT|UT|UTC)$/;

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
// The widest offsets in use are -12:00 and +14:00; anything past ±14:00 is not a zone.
const maxOffsetMinutes = 14 * 60;

/**
 * An RFC 2822 date-time → its instant, or `undefined` when the text is not one that exists:
 * a day past its month's end, an hour past 23, a minute or second past 59, an offset past
 * ±14:00 or with minutes past 59, or a weekday that is not the date's.
 */
export function parseRfc2822DateTime(value: string): Date | undefined {
  // Twilio's own form, read by position: the pattern's match and its nine strings were most
  // of the time a listing spent per date (two a call). Same checks, by `instantOf`.
  if (value.length === 31) {
    const fields = fixedForm(value);
    if (fields !== undefined) return instantOf(...fields);
  }
  const match = pattern.exec(value.trim());
  if (!match) return undefined;
  const [, weekday, day, monthName, year, hour, minute, second = '00', zone] = match as unknown as [
    string,
    string | undefined,
    string,
    string,
    string,
    string,
    string,
    string | undefined,
    string,
  ];
  const signed = zone.startsWith('+') || zone.startsWith('-');
  return instantOf(
    weekday,
    Number(day),
    months.indexOf(monthName),
    Number(year),
    Number(hour),
    Number(minute),
    Number(second),
    zone.startsWith('-') ? -1 : 1,
    signed ? Number(zone.slice(1, 3)) : 0,
    signed ? Number(zone.slice(3, 5)) : 0,
  );
}

type Fields = [
  weekday: string | undefined,
  day: number,
  month: number,
  year: number,
  hour: number,
  minute: number,
  second: number,
  sign: number,
  offsetHours: number,
  offsetMinutes: number,
];

function instantOf(...fields: Fields): Date | undefined {
  const [weekday, day, month, year, hour, minute, second, sign, offsetHours, offsetMins] = fields;
  const wall = Date.UTC(year, month, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month || check.getUTCDate() !== day) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (weekday !== undefined && weekdays[check.getUTCDay()] !== weekday) return undefined;
  if (offsetMins > 59) return undefined;
  const offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  if (Math.abs(offsetMinutes) > maxOffsetMinutes) return undefined;
  return new Date(wall - offsetMinutes * 60_000);
}

const monthIndex = new Map(months.map((name, index) => [name, index]));
const weekdayNames = new Set(weekdays);

/** `Ddd, DD Mon YYYY HH:MM:SS ±HHMM` (31 characters) as fields, or `undefined` for any other text. */
function fixedForm(value: string): Fields | undefined {
  const at = (index: number) => value.charCodeAt(index);
  // `, ` after the weekday; spaces, colons and the sign where the form has them.
  if (at(3) !== 44 || at(4) !== 32 || at(7) !== 32 || at(11) !== 32 || at(16) !== 32) return;
  if (at(19) !== 58 || at(22) !== 58 || at(25) !== 32 || (at(26) !== 43 && at(26) !== 45)) return;
  const digits = (start: number, count: number) => {
    let number = 0;
    for (let index = start; index < start + count; index++) {
      const digit = at(index) - 48;
      if (digit < 0 || digit > 9) return Number.NaN;
      number = number * 10 + digit;
    }
    return number;
  };
  const weekday = value.slice(0, 3);
  const month = monthIndex.get(value.slice(8, 11));
  const numbers = [
    digits(5, 2),
    digits(12, 4),
    digits(17, 2),
    digits(20, 2),
    digits(23, 2),
    digits(27, 2),
    digits(29, 2),
  ] as const;
  if (!weekdayNames.has(weekday) || month === undefined || numbers.some(Number.isNaN)) return;
  const [day, year, hour, minute, second, offsetHours, offsetMinutes] = numbers;
  return [
    weekday,
    day,
    month,
    year,
    hour,
    minute,
    second,
    at(26) === 45 ? -1 : 1,
    offsetHours,
    offsetMinutes,
  ];
}
