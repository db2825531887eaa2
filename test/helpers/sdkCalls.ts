/** Anything aws-sdk-client-mock records calls on (a mocked client). */
interface RecordsCalls {
  calls(): { args: readonly unknown[] }[];
}

/** Names of the SDK commands a mocked client was sent, in order (`['DescribeSecretCommand', …]`). */
export function commandNames(mock: RecordsCalls): string[] {
  return mock.calls().map((call) => (call.args[0] as object).constructor.name);
}
