/** A Kinesis data stream ARN in any partition (the envelope's `kinesis` source; zod-free for the bridge). */
export const KINESIS_STREAM_ARN = /^arn:[a-z-]+:kinesis:[a-z0-9-]+:\d{12}:stream\/.+$/;
