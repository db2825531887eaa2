import { DeleteItemCommand, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { awsCall, awsErrorName, toAwsCallError } from '../cluster/awsCall';

/**
 * The cluster lock: one DynamoDB item per cluster ARN, written only if absent, expired or already ours
 * (a conditional write, so two executions can never both hold it). `expiresAt` (epoch seconds) is also
 * the table's TTL attribute, so a lock whose execution died is free after it and removed later.
 */

/** How long a lock holds without its owner releasing it: longer than the longest locked section. */
export const LOCK_TTL_SECONDS = 3 * 60 * 60;

/** The outcome of one acquisition attempt. */
export type LockAttempt = { acquired: true } | { acquired: false; holder: string };

/** Takes the lock for `owner` unless another owner holds an unexpired one. */
export async function tryAcquireLock(
  dynamodb: DynamoDBClient,
  table: string,
  clusterArn: string,
  owner: string,
  now: Date,
): Promise<LockAttempt> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  try {
    await dynamodb.send(
      new PutItemCommand({
        TableName: table,
        Item: {
          clusterArn: { S: clusterArn },
          owner: { S: owner },
          acquiredAt: { S: now.toISOString() },
          expiresAt: { N: String(nowSeconds + LOCK_TTL_SECONDS) },
        },
        ConditionExpression: 'attribute_not_exists(clusterArn) OR #owner = :owner OR expiresAt < :now',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':owner': { S: owner }, ':now': { N: String(nowSeconds) } },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { acquired: true };
  } catch (error) {
    if (awsErrorName(error) !== 'ConditionalCheckFailedException') {
      throw toAwsCallError('PutItem', `${table}/${clusterArn}`, error);
    }
    const item = (error as { Item?: Record<string, { S?: string }> }).Item;
    return { acquired: false, holder: item?.owner?.S ?? 'unknown' };
  }
}

/** Releases the lock if `owner` holds it; false when it is someone else's or gone (nothing to do). */
export async function releaseLock(
  dynamodb: DynamoDBClient,
  table: string,
  clusterArn: string,
  owner: string,
): Promise<boolean> {
  try {
    await awsCall('DeleteItem', `${table}/${clusterArn}`, () =>
      dynamodb.send(
        new DeleteItemCommand({
          TableName: table,
          Key: { clusterArn: { S: clusterArn } },
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': { S: owner } },
        }),
      ),
    );
    return true;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    if (awsErrorName(cause) === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
