/**
 * Regenerates the Mermaid diagrams of README.md from the state machines CDK synthesizes.
 *
 *   npx tsx scripts/generateDiagrams.ts           rewrite README.md's diagram blocks
 *   npx tsx scripts/generateDiagrams.ts --check   exit 1 if a block is stale (for tests and CI)
 *
 * Each state machine `<Id>` of the app is drawn between `<!-- diagram:<id-in-kebab-case>:start -->`
 * and `<!-- diagram:<id-in-kebab-case>:end -->` (construct id `Onboarding` → `diagram:onboarding`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type App, CfnResource, Stack } from 'aws-cdk-lib';
import { buildApp } from '../infra/buildApp';
import { type DiagramSection, updateDiagramSections } from '../workflows/diagram/index';
import { extractStateMachineDefinition } from '../workflows/local/index';

const README = resolve(import.meta.dirname, '..', 'README.md');

/** `OnboardingStateMachine` → `onboarding-state-machine`. */
export function kebabCase(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

/** One diagram section per state machine of the app, ordered by marker. */
export function diagramSections(app: App): DiagramSection[] {
  const sections: DiagramSection[] = [];
  for (const stack of app.node.findAll().filter(Stack.isStack)) {
    for (const construct of stack.node.findAll()) {
      if (
        !CfnResource.isCfnResource(construct) ||
        construct.cfnResourceType !== 'AWS::StepFunctions::StateMachine'
      )
        continue;
      if (Stack.of(construct) !== stack) continue;
      const owner =
        construct.node.id === 'Resource' && construct.node.scope ? construct.node.scope : construct;
      const { definition } = extractStateMachineDefinition(stack, construct);
      sections.push({ marker: `diagram:${kebabCase(owner.node.id)}`, title: owner.node.id, definition });
    }
  }
  return sections.sort((a, b) => a.marker.localeCompare(b.marker));
}

/** README.md with every diagram section regenerated (README.md itself is not touched). */
export function regeneratedReadme(readme: string, app: App = buildApp().app): string {
  return updateDiagramSections(readme, diagramSections(app));
}

function main(argv: string[]): number {
  const current = readFileSync(README, 'utf8');
  const updated = regeneratedReadme(current);
  if (argv.includes('--check')) {
    if (updated === current) return 0;
    process.stderr.write('README.md diagrams are stale: run `npx tsx scripts/generateDiagrams.ts`\n');
    return 1;
  }
  if (updated !== current) writeFileSync(README, updated);
  process.stdout.write(
    updated === current ? 'README.md diagrams are up to date\n' : 'README.md diagrams updated\n',
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
