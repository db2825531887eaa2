import { effectiveChanges, formatProgress, formatSummary, type RunSummary } from '../../../cli/summary';

const summary = (overrides: Partial<RunSummary> = {}): RunSummary => ({
  status: 'SUCCEEDED',
  execution: 'local:onboarding:req-1',
  changes: [
    { kind: 'secret', id: 'AmazonMSK_orders', action: 'create' },
    { kind: 'topic', id: 'orders.events', action: 'none', detail: 'partitions 3' },
    { kind: 'acl', id: 'User:orders READ TOPIC:orders.events (LITERAL)', action: 'create' },
  ],
  ...overrides,
});

describe('formatProgress', () => {
  it('prints elapsed seconds, a mark per outcome and the detail when one is given', () => {
    // Prepare
    const lines = [
      { at: 0, state: 'Validate Request', what: 'entered' as const },
      { at: 12_345, state: 'Ensure Topics', what: 'succeeded' as const },
      { at: 1_000, state: 'Grant ACLs', what: 'failed' as const, detail: 'KafkaOperationError' },
      {
        at: 1_500,
        state: 'Associate Scram Secret',
        what: 'retrying' as const,
        detail: 'ScramSecretNotYetVisibleError',
      },
      { at: 2_000, state: 'Verify Access', what: 'caught' as const },
    ];

    // Act
    const formatted = lines.map(formatProgress);

    // Assess
    expect(formatted).toEqual([
      '   0.0s  → Validate Request',
      '  12.3s  ✓ Ensure Topics',
      '   1.0s  ✗ Grant ACLs  (KafkaOperationError)',
      '   1.5s  ↻ Associate Scram Secret  (ScramSecretNotYetVisibleError)',
      '   2.0s  ↯ Verify Access',
    ]);
  });
});

describe('effectiveChanges', () => {
  it('keeps only changes whose action is not none', () => {
    // Prepare
    const run = summary();

    // Act
    const effective = effectiveChanges(run);

    // Assess
    expect(effective.map((c) => c.id)).toEqual([
      'AmazonMSK_orders',
      'User:orders READ TOPIC:orders.events (LITERAL)',
    ]);
  });
});

describe('formatSummary', () => {
  it('lists every change with counts and the transitions when the run succeeded', () => {
    // Prepare
    const run = summary({ transitions: 13, durationMs: 681 });

    // Act
    const text = formatSummary(run);

    // Assess
    expect(text.split('\n')).toEqual([
      '',
      'SUCCEEDED  local:onboarding:req-1',
      '  2 changed, 1 already as requested:',
      '    create secret            AmazonMSK_orders',
      '    none   topic             orders.events  partitions 3',
      '    create acl               User:orders READ TOPIC:orders.events (LITERAL)',
      '  13 state transitions in 0.7s',
    ]);
  });

  it('says would change when the run was a dry run', () => {
    // Prepare
    const run = summary({ dryRun: true });

    // Act
    const text = formatSummary(run);

    // Assess
    expect(text).toContain('  2 would change, 1 already as requested:');
    expect(text).not.toContain('state transitions');
  });

  it('shows the error name and cause when the run failed', () => {
    // Prepare
    const run = summary({ status: 'FAILED', changes: [], error: { name: 'InjectedFailure', cause: 'boom' } });

    // Act
    const text = formatSummary(run);

    // Assess
    expect(text.split('\n')).toEqual([
      '',
      'FAILED  local:onboarding:req-1',
      '  error: InjectedFailure: boom',
    ]);
  });
});
