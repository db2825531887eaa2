/** A point in time as PostgreSQL should read it (explicit offset) and as microseconds since the epoch. */
export interface Instant {
  text: string;
  micros: bigint;
}

// RFC 3339 profile of ISO 8601: a date, or a date-time with seconds optional and an explicit offset.
const instantPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Parses an ISO-8601 timestamp (`2024-05-01`, `2024-05-01T10:00Z`, `…T10:00:00.123456+02:00`); undefined if invalid. */
export function parseInstant(value: string): Instant | undefined {
  const m = instantPattern.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) =>
    Number(v ?? 0),
  );
  const fraction = (m[7] ?? '').padEnd(6, '0');
  const offset = m[8] ?? 'Z';
  const [offsetHours, offsetMins] =
    offset === 'Z' ? [0, 0] : [Number(offset.slice(1, 3)), Number(offset.slice(4))];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  // V8 rolls 2024-02-30 over to March 1st, so ranges are checked here rather than by Date.
  if (year < 1 || day < 1 || day > monthDays || hour > 23 || minute > 59 || second > 59) return undefined;
  if (offsetHours > 15 || offsetMins > 59) return undefined;
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day); // Date.UTC would read years below 100 as 19xx
  local.setUTCHours(hour, minute, second, 0);
  const offsetMicros =
    BigInt((offset.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMins)) * 60_000_000n;
  const micros = BigInt(local.getTime()) * 1000n + BigInt(fraction) - offsetMicros;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}.${fraction}${offset}`;
  return { text, micros };
}
