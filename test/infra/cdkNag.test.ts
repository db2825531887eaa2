import { AwsSolutionsChecks } from 'cdk-nag';
import { buildAppWithoutBundling as buildApp } from '../../infra/buildApp';

describe('cdk-nag AwsSolutions checks', () => {
  it('reports no unacknowledged finding on any stack of the app', () => {
    // Prepare
    const { app } = buildApp();

    // Act
    const report = new AwsSolutionsChecks(app).validateScope(app);

    // Assess
    const findings = report.violations.map(
      (v) =>
        `${v.ruleName}: ${v.description} at ${v.violatingResources.map((r) => r.constructPath ?? r.resourceLogicalId).join(', ')}`,
    );
    expect(findings).toEqual([]);
  });
});
