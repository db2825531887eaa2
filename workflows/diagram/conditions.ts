import type { AslChoiceRule } from '../local/asl';

const COMPARISONS: Record<string, string> = {
  Equals: '==',
  LessThan: '<',
  GreaterThan: '>',
  LessThanEquals: '<=',
  GreaterThanEquals: '>=',
};
const TYPE_TESTS: Record<string, [string, string]> = {
  IsNull: ['is null', 'is not null'],
  IsPresent: ['is present', 'is absent'],
  IsNumeric: ['is numeric', 'is not numeric'],
  IsString: ['is a string', 'is not a string'],
  IsBoolean: ['is a boolean', 'is not a boolean'],
  IsTimestamp: ['is a timestamp', 'is not a timestamp'],
};
const OPERATOR =
  /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/;

function dataTest(rule: AslChoiceRule): string {
  const variable = rule.Variable ?? '?';
  for (const [key, value] of Object.entries(rule)) {
    if (key === 'Variable' || key === 'Next' || key === 'Comment') continue;
    const typeTest = TYPE_TESTS[key];
    if (typeTest) return `${variable} ${value === false ? typeTest[1] : typeTest[0]}`;
    if (key === 'StringMatches') return `${variable} matches ${JSON.stringify(value)}`;
    const match = OPERATOR.exec(key);
    if (match) {
      const operand = match[3] || typeof value !== 'string' ? String(value) : JSON.stringify(value);
      return `${variable} ${COMPARISONS[match[2]]} ${operand}`;
    }
  }
  return variable;
}

function grouped(rule: AslChoiceRule): string {
  const text = conditionText(rule);
  return rule.And || rule.Or ? `(${text})` : text;
}

/** A short human reading of a Choice rule: `$.dryRun == true and $.x is present`. */
export function conditionText(rule: AslChoiceRule): string {
  if (rule.And) return rule.And.map(grouped).join(' and ');
  if (rule.Or) return rule.Or.map(grouped).join(' or ');
  if (rule.Not) return `not ${grouped(rule.Not)}`;
  return dataTest(rule);
}
