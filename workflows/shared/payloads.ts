import { JsonPath, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';

/** The payload of every mutating step: the validated request and the journal it extends. */
export const requestAndJournal = TaskInput.fromObject({
  request: JsonPath.objectAt('$.request'),
  journal: JsonPath.objectAt('$.journal'),
});

/**
 * A fresh journal (Start Journal's parameters): nothing done yet, and the run's id in the ownership
 * registry, `<execution name>/<uuid>`, unique even when a request runs again under the same name.
 */
export const journalStart = {
  ledger: [],
  changes: [],
  run: JsonPath.format('{}/{}', JsonPath.stringAt('$$.Execution.Name'), JsonPath.uuid()),
};
