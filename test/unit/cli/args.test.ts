import { parseCliArgs, UsageError } from '../../../cli/args';

describe('parseCliArgs', () => {
  it('parses an onboard command with --local, --dry-run and --json when all are given', () => {
    // Prepare
    const argv = ['onboard', '--request', 'req.json', '--local', '--dry-run', '--json'];

    // Act
    const args = parseCliArgs(argv);

    // Assess
    expect(args).toEqual({
      command: 'onboard',
      requestFile: 'req.json',
      local: true,
      stateMachineArn: undefined,
      region: undefined,
      dryRun: true,
      json: true,
    });
  });

  it('parses an offboard command against a state machine when --state-machine and --region are given', () => {
    // Prepare
    const arn = 'arn:aws-cn:states:cn-northwest-1:111122223333:stateMachine:offboarding';

    // Act
    const args = parseCliArgs([
      'offboard',
      '--request',
      'r.json',
      '--state-machine',
      arn,
      '--region',
      'cn-northwest-1',
    ]);

    // Assess
    expect(args).toMatchObject({
      command: 'offboard',
      local: false,
      stateMachineArn: arn,
      region: 'cn-northwest-1',
    });
  });

  it('returns help when no command or a help flag is given', () => {
    // Prepare
    const inputs = [[], ['help'], ['--help'], ['-h']];

    // Act
    const parsed = inputs.map((argv) => parseCliArgs(argv));

    // Assess
    expect(parsed).toEqual(inputs.map(() => ({ command: 'help' })));
  });

  it('parses invoke with its function, event and env pairs when given --local', () => {
    // Prepare
    const argv = ['invoke', 'kafka-to-s3', '--local', '--event', 'e.json', '--env', 'A=1', '--env', 'B=x=y'];

    // Act
    const args = parseCliArgs(argv);

    // Assess
    expect(args).toEqual({
      command: 'invoke',
      functionName: 'kafka-to-s3',
      eventFile: 'e.json',
      local: true,
      env: { A: '1', B: 'x=y' },
    });
  });

  it('takes the platform policy file of a local run', () => {
    // Act
    const args = parseCliArgs(['offboard', '--request', 'r.json', '--local', '--policy', 'policy.json']);

    // Assess
    expect(args).toMatchObject({ command: 'offboard', local: true, policyFile: 'policy.json' });
  });

  it.each([
    [['onboard', '--local'], '--request FILE is required'],
    [['onboard', '--request', 'r.json'], 'give exactly one of --local or --state-machine ARN'],
    [['onboard', '--request', 'r.json', '--local', '--state-machine', 'arn'], 'give exactly one of'],
    [['onboard', '--request', 'r.json', '--local', '--bogus'], 'bogus'],
    [['onboard', 'extra', '--request', 'r.json', '--local'], 'extra'],
    [['invoke', '--local', '--event', 'e.json'], 'invoke needs a function name'],
    [['invoke', 'fn', '--event', 'e.json'], 'add --local'],
    [['invoke', 'fn', '--local'], '--event FILE is required'],
    [['invoke', 'fn', '--local', '--event', 'e.json', '--env', 'NOEQUALS'], '--env expects KEY=VALUE'],
    [['invoke', 'fn', '--local', '--event', 'e.json', '--env', '=v'], '--env expects KEY=VALUE'],
    [['deploy'], 'unknown command "deploy"'],
    [
      ['offboard', '--request', 'r.json', '--state-machine', 'arn', '--policy', 'p.json'],
      '--policy is for --local runs',
    ],
  ])('throws a UsageError when given %j', (argv, message) => {
    // Prepare
    const run = () => parseCliArgs(argv);

    // Act
    let thrown: unknown;
    try {
      run();
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as UsageError).name).toBe('UsageError');
    expect((thrown as UsageError).message).toContain(message);
  });
});
