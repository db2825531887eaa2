import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import { fastWasmDecode } from '../../../infra/bundling/wasmUtilsDecode';

const BUNDLED = createRequire(import.meta.url).resolve('@platformatic/wasm-utils/bundled');
/** The inlined wasm expression of a source: the text between `const wasm = ` and the next `;`. */
const wasmExpression = (source: string): string => /const wasm = (.*?);\n/s.exec(source)?.[1] ?? '';

describe('fastWasmDecode', () => {
  it('decodes the installed package’s inlined wasm to the same bytes with Buffer', () => {
    // Prepare
    const source = readFileSync(BUNDLED, 'utf8');

    // Act
    const rewritten = fastWasmDecode(source) ?? '';

    // Assess
    const before = new Function(`return ${wasmExpression(source)}`)() as Uint8Array;
    const after = new Function('Buffer', `return ${wasmExpression(rewritten)}`)(Buffer) as Buffer;
    expect(wasmExpression(rewritten)).toMatch(/^Buffer\.from\('[A-Za-z0-9+/=]+', 'base64'\)$/);
    expect(Buffer.compare(Buffer.from(before), after)).toBe(0);
    expect(after.subarray(0, 4).toString('latin1')).toBe('\0asm');
    expect(rewritten.replace(wasmExpression(rewritten), '')).toBe(source.replace(wasmExpression(source), ''));
  });

  it('leaves a source that decodes another way alone', () => {
    // Act / Assess
    expect(fastWasmDecode("const wasm = Buffer.from('AGFzbQ==', 'base64');")).toBeUndefined();
  });
});
