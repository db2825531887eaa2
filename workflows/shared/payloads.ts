import { JsonPath, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';

/** The payload of every mutating step: the validated request and the journal it extends. */
export const requestAndJournal = TaskInput.fromObject({
  request: JsonPath.objectAt('$.request'),
  journal: JsonPath.objectAt('$.journal'),
});
