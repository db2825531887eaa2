import { buildAppWithoutBundling as buildApp } from '../../infra/buildApp';
import { awsSolutionsFindings } from '../helpers/cdkAssertions';

describe('cdk-nag AwsSolutions checks', () => {
  it('reports no unacknowledged finding on any stack of the app', () => {
    // Prepare
    const { app } = buildApp();

    // Act
    const findings = awsSolutionsFindings(app, app);

    // Assess
    expect(findings).toEqual([]);
  });
});
