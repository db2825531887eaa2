import { runConsoleCommand } from '../../../cli/commands/console';
import { closedPort } from '../flightData/support';

describe('msk-flows console --local', () => {
  it('prints the URL it serves on 127.0.0.1, serves the page there, and stops when told to', async () => {
    // Prepare
    const port = await closedPort();
    const lines: string[] = [];
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });

    // Act
    const exit = runConsoleCommand(
      { command: 'console', local: true, port },
      { out: (l) => lines.push(l), err: () => {} },
      stopped,
    );
    while (lines.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    const page = await fetch(`http://127.0.0.1:${port}/`);
    const html = await page.text();
    stop();

    // Assess
    expect(lines[0]).toContain(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(html).toContain('<title>msk-flows console</title>');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    await expect(exit).resolves.toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });
});
