import type { NewFlightRow } from './schema';

/** The flight numbers `syntheticFlightRows` cycles through (row i gets entry i mod 10). */
export const syntheticFlights = [
  'LH123',
  'BA2490',
  'AF1',
  'KL1001',
  'U24567',
  'DY7',
  'SK1429',
  'IB3170',
  'EI154',
  'FR9A',
];
const airports = ['FRA', 'LHR', 'CDG', 'AMS', 'BER', 'OSL', 'CPH', 'MAD', 'DUB', 'STN'];
const statuses = ['scheduled', 'boarding', 'departed', 'landed', 'cancelled'];

/**
 * Deterministic rows for tests and demos. Every three rows share a departure time (so the `id`
 * tie-break matters), times carry microseconds (so cursor precision matters), and rows come out
 * in a scrambled order (so `id` order differs from departure order).
 */
export function syntheticFlightRows(count: number, start = Date.UTC(2024, 4, 1)): NewFlightRow[] {
  const rows: NewFlightRow[] = [];
  for (let i = 0; i < count; i += 1) {
    const group = Math.floor(i / 3);
    const micros = String((group * 37_171) % 1_000_000).padStart(6, '0');
    const departure = new Date(start + group * 7 * 60_000).toISOString().slice(0, 19);
    const departureTime = `${departure}.${micros}Z`;
    rows.push({
      flight: syntheticFlights[i % syntheticFlights.length] as string,
      origin: airports[i % airports.length] as string,
      destination: airports[(i + 3) % airports.length] as string,
      departureTime,
      arrivalTime: i % 11 === 0 ? null : new Date(start + group * 7 * 60_000 + 95 * 60_000).toISOString(),
      status: statuses[i % statuses.length] as string,
      payload: { gate: `G${i % 40}`, seq: i },
    });
  }
  // A fixed permutation (multiplying by a number coprime to the count) scrambles insertion order.
  const step = [7919, 104_729, 1_299_709].find((p) => count % p !== 0) ?? 1;
  return rows.map((_, k) => rows[(k * step) % count] as NewFlightRow);
}
