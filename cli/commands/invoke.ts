import type { InvokeArgs } from '../args';
import { UsageError } from '../args';
import { readJsonInputFile } from '../readInputFile';
import type { CliOutput } from './workflow';

/** A local handler; one that holds connections (a Kafka producer, a pool) offers `close()`. */
type LocalHandler = ((event: unknown) => Promise<unknown>) & { close?: () => Promise<void> };
type LocalHandlerFactory = (env: Record<string, string>) => LocalHandler | Promise<LocalHandler>;

/**
 * Our Lambda functions by the names README uses. Each module builds the handler's deps for the local
 * stack from the same environment variables as on Lambda (with local defaults).
 */
const FUNCTIONS: Record<string, () => Promise<{ createLocalHandler: LocalHandlerFactory }>> = {
  'kinesis-to-kafka': () => import('../../scripts/local/ingest/kinesisToKafka'),
  'kafka-to-s3': () => import('../../scripts/local/ingest/kafkaToS3'),
  'iot-to-s3': () => import('../../scripts/local/ingest/iotToS3'),
  'flight-data-api': () => import('../../scripts/local/ingest/flightData'),
};

/** `msk-flows invoke <function> --local --event FILE`: prints the handler's result as JSON (exit 0) or its error (exit 1). */
export async function runInvokeCommand(args: InvokeArgs, output: CliOutput): Promise<number> {
  const load = FUNCTIONS[args.functionName];
  if (!load) {
    throw new UsageError(
      `unknown function "${args.functionName}"; known: ${Object.keys(FUNCTIONS).join(', ')}`,
    );
  }
  const event = readJsonInputFile('--event', args.eventFile);
  const { createLocalHandler } = await load();
  const handler = await createLocalHandler({ ...(process.env as Record<string, string>), ...args.env });
  try {
    const result = await handler(event);
    output.out(JSON.stringify(result ?? null, null, 2));
    return 0;
  } catch (error) {
    output.err(JSON.stringify({ errorType: (error as Error).name, errorMessage: (error as Error).message }));
    return 1;
  } finally {
    // Without this an open producer keeps the process alive after the answer is printed.
    await handler.close?.();
  }
}
