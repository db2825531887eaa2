import { conditionText, toMermaid } from '../../../workflows/diagram/index';
import type { AslDefinition } from '../../../workflows/local/index';

const definition: AslDefinition = {
  StartAt: 'Validate',
  States: {
    Validate: {
      Type: 'Task',
      Resource: 'arn:aws:lambda:eu-west-1:111122223333:function:Validate',
      Retry: [{ ErrorEquals: ['Lambda.ServiceException', 'Lambda.SdkClientException'], MaxAttempts: 6 }],
      Next: 'Is Dry Run?',
    },
    'Is Dry Run?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.dryRun', BooleanEquals: true, Next: 'Done' }],
      Default: 'Grant',
    },
    Grant: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Consumer', States: { Consumer: { Type: 'Task', Resource: 'x', End: true } } },
        { StartAt: 'Producer', States: { Producer: { Type: 'Pass', End: true } } },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }],
      Next: 'Each Topic',
    },
    'Each Topic': {
      Type: 'Map',
      ItemsPath: '$.topics',
      ItemProcessor: { StartAt: 'Ensure', States: { Ensure: { Type: 'Task', Resource: 'x', End: true } } },
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    Failed: { Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' },
  },
};

describe('toMermaid', () => {
  it('draws states, branches, catches and retries as a flowchart', () => {
    // Act
    const diagram = toMermaid(definition);

    // Assess
    expect(diagram).toBe(`flowchart TD
  start_(("Start"))
  s_Validate["Validate<br/>retry Lambda service errors (max 6)"]
  s_Is_Dry_Run{"Is Dry Run?"}
  subgraph s_Grant["Grant (Parallel)"]
    direction TB
    subgraph s_Grant_branch_1["Branch 1"]
      direction TB
      s_Consumer["Consumer"]
    end
    subgraph s_Grant_branch_2["Branch 2"]
      direction TB
      s_Producer["Producer"]
    end
  end
  subgraph s_Each_Topic["Each Topic (Map over $.topics)"]
    direction TB
    s_Ensure["Ensure"]
  end
  s_Done(["Done"])
  s_Failed(["Failed"])
  end_(("End"))
  start_ --> s_Validate
  s_Validate --> s_Is_Dry_Run
  s_Is_Dry_Run -->|"$.dryRun == true"| s_Done
  s_Is_Dry_Run -->|"otherwise"| s_Grant
  s_Grant --> s_Each_Topic
  s_Grant -.->|"States.ALL"| s_Failed
  s_Each_Topic --> s_Done
  s_Done --> end_
  s_Failed --> end_
  classDef succeed fill:#e6f4ea,stroke:#1e8e3e
  classDef fail fill:#fce8e6,stroke:#d93025
  class s_Done succeed
  class s_Failed fail
`);
  });

  it('gives the same text for the same definition and distinct ids to names that slug alike', () => {
    // Prepare
    const clashing: AslDefinition = {
      StartAt: 'Grant ACLs',
      States: {
        'Grant ACLs': { Type: 'Pass', Next: 'Grant-ACLs' },
        'Grant-ACLs': { Type: 'Pass', End: true },
      },
    };

    // Act
    const first = toMermaid(clashing);
    const second = toMermaid(JSON.parse(JSON.stringify(clashing)));

    // Assess
    expect(first).toBe(second);
    expect(first).toContain('s_Grant_ACLs["Grant ACLs"]');
    expect(first).toContain('s_Grant_ACLs_2["Grant-ACLs"]');
    expect(first).toContain('s_Grant_ACLs --> s_Grant_ACLs_2');
  });

  it('escapes quotes and angle brackets in labels and lists at most three caught errors', () => {
    // Prepare
    const tricky: AslDefinition = {
      StartAt: 'Check "kind"',
      States: {
        'Check "kind"': {
          Type: 'Choice',
          Choices: [{ Variable: '$.n', NumericLessThan: 3, Next: 'Work' }],
          Default: 'Work',
        },
        Work: {
          Type: 'Task',
          Resource: 'x',
          Catch: [{ ErrorEquals: ['A', 'B', 'C', 'D', 'E'], Next: 'Stop' }],
          End: true,
        },
        Stop: { Type: 'Fail', Error: 'Stopped' },
      },
    };

    // Act
    const diagram = toMermaid(tricky);

    // Assess
    expect(diagram).toContain('s_Check_kind{"Check #quot;kind#quot;"}');
    expect(diagram).toContain('s_Check_kind -->|"$.n #lt; 3"| s_Work');
    expect(diagram).toContain('s_Work -.->|"A, B, C +2"| s_Stop');
  });
});

describe('conditionText', () => {
  it.each([
    [{ Variable: '$.kind', StringEquals: 'msk' }, '$.kind == "msk"'],
    [{ Variable: '$.n', NumericGreaterThanEqualsPath: '$.max' }, '$.n >= $.max'],
    [{ Variable: '$.name', StringMatches: 'orders.*' }, '$.name matches "orders.*"'],
    [{ Variable: '$.x', IsPresent: false }, '$.x is absent'],
    [
      {
        Or: [
          { Variable: '$.a', IsNull: true },
          {
            And: [
              { Variable: '$.b', BooleanEquals: false },
              { Variable: '$.c', IsString: true },
            ],
          },
        ],
      },
      '$.a is null or ($.b == false and $.c is a string)',
    ],
    [
      { Not: { Variable: '$.at', TimestampLessThan: '2026-01-01T00:00:00Z' } },
      'not $.at < "2026-01-01T00:00:00Z"',
    ],
  ])('reads %j as %s', (rule, text) => {
    // Act
    const read = conditionText(rule);

    // Assess
    expect(read).toBe(text);
  });
});
