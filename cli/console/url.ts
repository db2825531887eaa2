/** Where `msk-flows console --local --port <port>` serves: loopback only. */
export function consoleUrl(port: number): string {
  return `http://127.0.0.1:${port}/`;
}
