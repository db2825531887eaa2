import { layoutGraph } from '../../../cli/console/graph/layout';
import { END, graphOf, START } from '../../../cli/console/graph/model';
import type { AslDefinition } from '../../../workflows/local/asl';
import { definition } from './fixtures';

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('graphOf and layoutGraph', () => {
  it('reads every transition of the definition, Choice rules with their condition text', () => {
    // Act
    const model = graphOf(definition);

    // Assess
    expect(model.nodes.map((n) => n.id)).toEqual([START, ...Object.keys(definition.States), END]);
    expect(model.edges).toContainEqual({
      from: 'Is Dry Run?',
      to: 'Report Dry Run',
      kind: 'choice',
      label: '$.dryRun == true',
    });
    expect(model.edges).toContainEqual({ from: 'Apply', to: 'Undo', kind: 'catch', label: 'States.ALL' });
    expect(model.nodes.find((n) => n.id === 'Validate')?.retries).toEqual([
      'retry FooRetriableError (max 3)',
    ]);
  });

  it('places states top to bottom along the flow without overlaps, routing loops upwards', () => {
    // Prepare: a polling loop (Wait → Poll) as onboarding's cluster wait has
    const looping: AslDefinition = {
      StartAt: 'Poll',
      States: {
        Poll: { Type: 'Task', Resource: 'local:poll', Next: 'Ready?' },
        'Ready?': {
          Type: 'Choice',
          Choices: [{ Variable: '$.ready', BooleanEquals: true, Next: 'Done' }],
          Default: 'Wait',
        },
        Wait: { Type: 'Wait', Seconds: 5, Next: 'Poll' },
        Done: { Type: 'Succeed' },
      },
    };

    // Act
    const layout = layoutGraph(graphOf(looping));

    // Assess
    const box = (id: string) => layout.nodes.find((n) => n.node.id === id) as (typeof layout.nodes)[number];
    expect(box(START).y).toBeLessThan(box('Poll').y);
    expect(box('Poll').y).toBeLessThan(box('Ready?').y);
    expect(box('Ready?').y).toBeLessThan(box('Wait').y);
    for (const a of layout.nodes)
      for (const b of layout.nodes) if (a !== b) expect(overlaps(a, b)).toBe(false);
    const loop = layout.edges.find((e) => e.edge.from === 'Wait' && e.edge.to === 'Poll');
    expect(loop?.back).toBe(true);
    expect(loop?.points[0]?.y).toBeGreaterThan(loop?.points.at(-1)?.y ?? Infinity);
    for (const n of layout.nodes) expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
  });
});
