import { isUtf8 } from 'node:buffer';
import { decodeBase64, decodeHeaders } from '../../shared/kafkaEvent/decode';
import type { KafkaTriggerRecord } from '../../shared/kafkaEvent/types';

/** How keys, values and header values are written: as delivered (base64), as UTF-8 text, or values as JSON. */
export const PAYLOAD_ENCODINGS = ['base64', 'utf8', 'json'] as const;
export type PayloadEncoding = (typeof PAYLOAD_ENCODINGS)[number];

/** How one field ended up encoded (bytes that are not UTF-8, or not JSON, fall back per field). */
export type FieldEncoding = 'base64' | 'utf8' | 'json';

interface Encoded {
  data: unknown;
  encoding: FieldEncoding;
}

function encodeBytes(
  bytes: Buffer,
  base64: string | undefined,
  mode: PayloadEncoding,
  json: boolean,
): Encoded {
  if (mode === 'base64' || !isUtf8(bytes))
    return { data: base64 ?? bytes.toString('base64'), encoding: 'base64' };
  const text = bytes.toString('utf8');
  if (json) {
    try {
      return { data: JSON.parse(text), encoding: 'json' };
    } catch {
      // not JSON: keep the text
    }
  }
  return { data: text, encoding: 'utf8' };
}

function encodeField(
  base64: string | null | undefined,
  mode: PayloadEncoding,
  json: boolean,
): Encoded | null {
  const bytes = decodeBase64(base64);
  return bytes === null ? null : encodeBytes(bytes, base64 ?? undefined, mode, json);
}

/**
 * One NDJSON line for a record. Keys are written in a fixed order and nothing depends on time or
 * environment, so the same record always gives the same bytes. `json` parses values (keys and headers stay
 * text); a field that is not UTF-8 (or not JSON) is written base64 and says so in its `*Encoding`.
 */
export function recordLine(record: KafkaTriggerRecord, mode: PayloadEncoding): string {
  const key = encodeField(record.key, mode, false);
  const value = encodeField(record.value, mode, mode === 'json');
  const headers = decodeHeaders(record.headers).map(({ name, value: bytes }) => {
    const h = encodeBytes(bytes, undefined, mode, false);
    return { name, value: h.data, encoding: h.encoding };
  });
  return JSON.stringify({
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    timestampType: record.timestampType,
    key: key?.data ?? null,
    keyEncoding: key?.encoding ?? null,
    value: value?.data ?? null,
    valueEncoding: value?.encoding ?? null,
    headers,
  });
}

/** The NDJSON document of a partition's records: one line each, newline-terminated. */
export function recordLines(records: readonly KafkaTriggerRecord[], mode: PayloadEncoding): string {
  let out = '';
  for (const record of records) out += `${recordLine(record, mode)}\n`;
  return out;
}
