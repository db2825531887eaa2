/**
 * Where things are in a JSON text, so a policy can be edited by splicing text: every byte outside the
 * spliced span stays exactly as it was (formatting, key order, escapes), which re-serializing a parsed
 * document would not guarantee.
 */

/** A half-open range `[start, end)` of the text. */
export interface Span {
  start: number;
  end: number;
}

/** The spans of a top-level object's members: key → value span. */
export interface ObjectSpans {
  members: Map<string, Span>;
  /** Index of the closing `}`. */
  close: number;
}

/** The spans of an array's elements and the index of its closing `]`. */
export interface ArraySpans {
  elements: Span[];
  close: number;
}

/** Thrown by the scanner on text that is not JSON; the caller turns it into a typed error. */
export class JsonSyntaxError extends Error {
  constructor(at: number, what: string) {
    super(`not JSON at offset ${at}: ${what}`);
    this.name = 'JsonSyntaxError';
  }
}

const WS = /\s/;

function skipWs(text: string, i: number): number {
  let at = i;
  while (at < text.length && WS.test(text[at] ?? '')) at += 1;
  return at;
}

function stringEnd(text: string, i: number): number {
  if (text[i] !== '"') throw new JsonSyntaxError(i, 'expected a string');
  for (let at = i + 1; at < text.length; at += 1) {
    if (text[at] === '\\') at += 1;
    else if (text[at] === '"') return at + 1;
  }
  throw new JsonSyntaxError(i, 'unterminated string');
}

/** The end of the JSON value starting at `i` (after leading whitespace). */
export function valueEnd(text: string, i: number): number {
  const at = skipWs(text, i);
  const c = text[at];
  if (c === '"') return stringEnd(text, at);
  if (c === '{') return objectSpans(text, at).close + 1;
  if (c === '[') return arraySpans(text, at).close + 1;
  const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at));
  if (!literal) throw new JsonSyntaxError(at, 'expected a value');
  return at + literal[0].length;
}

/** The members of the object starting at `i` (`{`). */
export function objectSpans(text: string, i: number): ObjectSpans {
  const members = new Map<string, Span>();
  let at = skipWs(text, i + 1);
  if (text[at] === '}') return { members, close: at };
  for (;;) {
    at = skipWs(text, at);
    const keyEnd = stringEnd(text, at);
    const key = JSON.parse(text.slice(at, keyEnd)) as string;
    at = skipWs(text, keyEnd);
    if (text[at] !== ':') throw new JsonSyntaxError(at, 'expected ":"');
    const start = skipWs(text, at + 1);
    const end = valueEnd(text, start);
    members.set(key, { start, end });
    at = skipWs(text, end);
    if (text[at] === '}') return { members, close: at };
    if (text[at] !== ',') throw new JsonSyntaxError(at, 'expected "," or "}"');
    at += 1;
  }
}

/** The elements of the array starting at `i` (`[`). */
export function arraySpans(text: string, i: number): ArraySpans {
  const elements: Span[] = [];
  let at = skipWs(text, i + 1);
  if (text[at] === ']') return { elements, close: at };
  for (;;) {
    const start = skipWs(text, at);
    const end = valueEnd(text, start);
    elements.push({ start, end });
    at = skipWs(text, end);
    if (text[at] === ']') return { elements, close: at };
    if (text[at] !== ',') throw new JsonSyntaxError(at, 'expected "," or "]"');
    at += 1;
  }
}
