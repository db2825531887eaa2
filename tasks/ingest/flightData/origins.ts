import { FlightDataConfigError } from './errors';

const originPattern = /^https?:\/\/[a-z0-9.-]+(:[0-9]{1,5})?$/;

/** Parses `CORS_ALLOWED_ORIGINS` (comma-separated `scheme://host[:port]`, no wildcards, no paths). */
export function parseAllowedOrigins(value: string): ReadonlySet<string> {
  const origins = value
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const bad = origins.find((o) => !originPattern.test(o));
  if (bad !== undefined) {
    throw new FlightDataConfigError(
      'CORS_ALLOWED_ORIGINS',
      'entries must be scheme://host[:port] in lowercase',
    );
  }
  return new Set(origins);
}
