import { App, Stack } from 'aws-cdk-lib';
import { DefinitionBody, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { diagramSections, kebabCase, regeneratedReadme } from '../../../scripts/generateDiagrams';
import { toMermaid } from '../../../workflows/diagram/index';

function appWithMachines(): App {
  const app = new App();
  const stack = new Stack(app, 'Workflows');
  for (const id of ['Onboarding', 'DlqReplay']) {
    new StateMachine(stack, id, {
      definitionBody: DefinitionBody.fromChainable(new Pass(stack, `${id} Step`)),
    });
  }
  return app;
}

describe('generateDiagrams', () => {
  it('finds every state machine of the app under a marker named after its construct id', () => {
    // Prepare
    const app = appWithMachines();

    // Act
    const sections = diagramSections(app);

    // Assess
    expect(sections.map(({ marker, title }) => [marker, title])).toEqual([
      ['diagram:dlq-replay', 'DlqReplay'],
      ['diagram:onboarding', 'Onboarding'],
    ]);
    expect(sections[1].definition.States).toEqual({ 'Onboarding Step': { Type: 'Pass', End: true } });
  });

  it('rewrites each README block with its synthesized diagram', () => {
    // Prepare
    const readme = [
      '# x',
      '<!-- diagram:onboarding:start -->',
      'stale',
      '<!-- diagram:onboarding:end -->',
      '<!-- diagram:dlq-replay:start -->',
      '<!-- diagram:dlq-replay:end -->',
      '',
    ].join('\n');
    const app = appWithMachines();
    const onboarding = diagramSections(app)[1];

    // Act
    const updated = regeneratedReadme(readme, app);

    // Assess
    expect(updated).toContain(`### Onboarding\n\n\`\`\`mermaid\n${toMermaid(onboarding.definition)}\`\`\``);
    expect(updated).toContain('### DlqReplay');
    expect(updated).not.toContain('stale');
  });

  it('fails when the README has no block for one of the state machines', () => {
    // Prepare
    const readme = '<!-- diagram:onboarding:start -->\n<!-- diagram:onboarding:end -->\n';

    // Act
    const act = () => regeneratedReadme(readme, appWithMachines());

    // Assess
    expect(act).toThrow("Marker block 'diagram:dlq-replay'");
  });

  it.each([
    ['Onboarding', 'onboarding'],
    ['OnboardingStateMachine', 'onboarding-state-machine'],
    ['dlq_replay', 'dlq-replay'],
  ])('kebab-cases %s as %s', (id, expected) => {
    // Act
    const kebab = kebabCase(id);

    // Assess
    expect(kebab).toBe(expected);
  });
});
