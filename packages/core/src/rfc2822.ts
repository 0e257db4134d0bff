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
  const month = months.indexOf(monthName);
  const wall = Date.UTC(
    Number(year),
    month,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  const check = new Date(wall);
  if (check.getUTCMonth() !== month || check.getUTCDate() !== Number(day)) return undefined;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  if (weekday !== undefined && weekdays[check.getUTCDay()] !== weekday) return undefined;
  let offsetMinutes = 0;
  if (zone.startsWith('+') || zone.startsWith('-')) {
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(3, 5));
    if (minutes > 59) return undefined;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
    if (Math.abs(offsetMinutes) > maxOffsetMinutes) return undefined;
  }
  return new Date(wall - offsetMinutes * 60_000);
}
