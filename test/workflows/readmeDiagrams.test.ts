import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAppWithoutBundling } from '../../infra/buildApp';
import { regeneratedReadme } from '../../scripts/generateDiagrams';
import { repoRoot } from '../../scripts/local/paths';

describe('README state machine diagrams', () => {
  it('match the definitions CDK synthesizes today (run `npm run diagrams` when this fails)', () => {
    // Prepare
    const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');

    // Act
    const regenerated = regeneratedReadme(readme, buildAppWithoutBundling().app);

    // Assess
    expect(regenerated).toBe(readme);
  });
});
