import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface FlightDataWebAclProps {
  /** ARN of the API Gateway stage to protect. */
  stageArn: string;
  /** Use this existing REGIONAL web ACL instead of creating one. */
  webAclArn?: string;
  /** Requests per 5 minutes from one IP before WAF blocks it. */
  ipRateLimit: number;
}

const visibility = (metricName: string) => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

/**
 * A regional WAF web ACL on the API stage: per-IP rate limit plus AWS managed rule groups
 * (common, known bad inputs, SQL injection) in front of the Lambda's own validation.
 * https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html
 */
export class FlightDataWebAcl extends Construct {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: FlightDataWebAclProps) {
    super(scope, id);
    const managed = (name: string, priority: number): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    });
    this.webAclArn =
      props.webAclArn ??
      new CfnWebACL(this, 'WebAcl', {
        scope: 'REGIONAL',
        description: 'msk-flows flightData API: rate limit and managed rules',
        defaultAction: { allow: {} },
        visibilityConfig: visibility('FlightDataApi'),
        rules: [
          {
            name: 'RateLimitPerIp',
            priority: 0,
            action: { block: {} },
            statement: { rateBasedStatement: { limit: props.ipRateLimit, aggregateKeyType: 'IP' } },
            visibilityConfig: visibility('RateLimitPerIp'),
          },
          managed('AWSManagedRulesCommonRuleSet', 1),
          managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
          managed('AWSManagedRulesSQLiRuleSet', 3),
        ],
      }).attrArn;
    new CfnWebACLAssociation(this, 'Association', { resourceArn: props.stageArn, webAclArn: this.webAclArn });
  }
}
