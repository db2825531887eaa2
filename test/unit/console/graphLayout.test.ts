import { layoutGraph } from '../../../cli/console/graph/layout';
import { END, graphOf, START } from '../../../cli/console/graph/model';
import { pictureOf } from '../../../cli/console/graph/status';
import type { AslDefinition } from '../../../workflows/local/asl';
import { definition, entered, exited, history } from './fixtures';

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

  it('draws the branches of a Parallel state inside its node, and colours their states from the history', () => {
    // Prepare
    const parallel: AslDefinition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } },
            { StartAt: 'Right', States: { Right: { Type: 'Pass', End: true } } },
          ],
        },
      },
    };
    const model = graphOf(parallel);

    // Act
    const layout = layoutGraph(model);
    const picture = pictureOf(
      model,
      history(
        ['ExecutionStarted'],
        entered('Parallel', 'Both'),
        entered('Pass', 'Left'),
        exited('Pass', 'Left'),
      ),
    );

    // Assess
    const both = layout.nodes.find((n) => n.node.id === 'Both');
    expect(both?.children).toHaveLength(2);
    for (const child of both?.children ?? []) {
      expect(child.x + child.layout.width).toBeLessThanOrEqual(both?.width ?? 0);
      expect(child.y + child.layout.height).toBeLessThanOrEqual(both?.height ?? 0);
    }
    expect(picture.states.get('Left')?.status).toBe('succeeded');
    expect(picture.states.get('Right')?.status).toBe('not-reached');
    expect(picture.states.get('Both')?.status).toBe('running');
  });
});
