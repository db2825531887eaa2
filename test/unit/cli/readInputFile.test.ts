import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseJsonText, readJsonInputFile } from '../../../cli/readInputFile';

describe('parseJsonText', () => {
  it('skips a leading UTF-8 byte order mark, which JSON.parse alone rejects', () => {
    // Prepare
    const text = '\uFEFF{"requestId":"r-1"}';

    // Act
    const parsed = parseJsonText(text);

    // Assess
    expect(() => JSON.parse(text)).toThrow();
    expect(parsed).toEqual({ ok: true, value: { requestId: 'r-1' } });
  });

  it('keeps a byte order mark that is not at the start: it belongs to a string', () => {
    // Act
    const parsed = parseJsonText('{"a":"\uFEFFb"}');

    // Assess
    expect(parsed).toEqual({ ok: true, value: { a: '\uFEFFb' } });
  });

  it.each<[string, string]>([
    ['{"a": secret-token}', 'not valid JSON (an unexpected character)'],
    ['{\n "a": "secret-token",\n "b": 2,\n}', 'not valid JSON (line 4, column 1)'],
    ['{"a": "secret-token"', 'not valid JSON (line 1, column 21)'],
    ['\uFEFF\uFEFF{"a": 1}', 'not valid JSON (an unexpected character)'],
    ['', 'not valid JSON (it ends early)'],
  ])('says where %j stops being JSON without quoting it', (text, reason) => {
    // Act
    const parsed = parseJsonText(text);

    // Assess
    expect(parsed).toEqual({ ok: false, reason });
    expect(JSON.stringify(parsed)).not.toContain('secret');
  });
});

describe('readJsonInputFile', () => {
  it('reads a UTF-8 file with a byte order mark', () => {
    // Prepare
    const file = join(mkdtempSync(join(tmpdir(), 'msk-flows-json-')), 'event.json');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"Records":[]}')]));

    // Act
    const value = readJsonInputFile('--event', file);

    // Assess
    expect(value).toEqual({ Records: [] });
  });
});
