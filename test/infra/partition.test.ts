import { Template } from 'aws-cdk-lib/assertions';
import { buildAppWithoutBundling as buildApp } from '../../infra/buildApp';

const regions = ['eu-west-1', 'cn-northwest-1'];

describe('infra partitions', () => {
  it.each(regions)('synthesizes with no literal arn:aws: for %s', (region) => {
    // Prepare
    const { app } = buildApp({ 'msk-flows:region': region });

    // Act
    const assembly = app.synth();

    // Assess
    for (const stack of assembly.stacks) {
      const json = JSON.stringify(stack.template);
      expect(json).not.toMatch(/arn:aws:/);
      expect(json).not.toMatch(/arn:aws-cn:/);
    }
  });

  it('keeps the SCRAM secret key customer-managed with rotation on', () => {
    // Prepare
    const { platform } = buildApp();

    // Act
    const template = Template.fromStack(platform);

    // Assess
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/msk-flows/dev/scram' });
  });
});
