import { decodeCursor, encodeCursor } from '../../../../tasks/ingest/flightData/cursor';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('cursor', () => {
  it('decodes what it encodes', () => {
    // Prepare
    const key = { departure: '2024-05-01T10:00:00.123456Z', id: '9223372036854775807' };

    // Act
    const decoded = decodeCursor(encodeCursor(key));

    // Assess
    expect(decoded).toEqual(key);
  });

  it('encodes to URL-safe text', () => {
    // Act
    const cursor = encodeCursor({ departure: '2024-05-01T10:00:00.000000Z', id: '1' });

    // Assess
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['garbage', 'garbage'],
    ['not base64url', 'a+b/c='],
    ['not JSON', b64('{')],
    ['an array', b64('[1]')],
    ['a missing version', b64('{"d":"2024-05-01T10:00:00.000000Z","i":"1"}')],
    ['an extra key', b64('{"v":1,"d":"2024-05-01T10:00:00.000000Z","i":"1","x":0}')],
    ['a numeric id', b64('{"v":1,"d":"2024-05-01T10:00:00.000000Z","i":1}')],
    ['id 0', b64('{"v":1,"d":"2024-05-01T10:00:00.000000Z","i":"0"}')],
    ['an id past bigint', b64('{"v":1,"d":"2024-05-01T10:00:00.000000Z","i":"9223372036854775808"}')],
    ['SQL in the id', b64('{"v":1,"d":"2024-05-01T10:00:00.000000Z","i":"1) OR (1=1"}')],
    ['milliseconds only', b64('{"v":1,"d":"2024-05-01T10:00:00.000Z","i":"1"}')],
    ['an impossible date', b64('{"v":1,"d":"2024-02-30T10:00:00.000000Z","i":"1"}')],
    ['an oversized text', 'A'.repeat(201)],
  ])('rejects %s', (_label, text) => {
    // Act
    const decoded = decodeCursor(text);

    // Assess
    expect(decoded).toBeUndefined();
  });
});
