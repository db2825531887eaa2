import { parseCliArgs, UsageError } from '../../../cli/args';

describe('parseCliArgs: console', () => {
  it('parses console --local with the default port 3030, or the one given', () => {
    // Act
    const byDefault = parseCliArgs(['console', '--local']);
    const given = parseCliArgs(['console', '--local', '--port', '8081']);

    // Assess
    expect(byDefault).toEqual({ command: 'console', local: true, port: 3030 });
    expect(given).toEqual({ command: 'console', local: true, port: 8081 });
  });

  it('rejects a console without --local and a port that is not one, naming the flag', () => {
    // Act
    const noLocal = () => parseCliArgs(['console']);
    const badPort = () => parseCliArgs(['console', '--local', '--port', '70000']);

    // Assess
    expect(noLocal).toThrow(new UsageError('console shows local executions only: add --local'));
    expect(badPort).toThrow(/--port must be a port number 1-65535, got "70000"/);
  });
});
