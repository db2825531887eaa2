import {
  type EventSourceMappingConfiguration,
  type LambdaClient,
  ListTagsCommand,
} from '@aws-sdk/client-lambda';
import { awsCall } from '../cluster/awsCall';
import type { RegistryOwner } from '../registry/types';
import { TAG_PRINCIPAL, TAG_REQUEST_ID } from './names';

/** The tags msk-flows put on a mapping when it created it (ListTags on its ARN). */
export async function mappingTags(
  lambda: LambdaClient,
  mapping: EventSourceMappingConfiguration,
): Promise<Record<string, string>> {
  const { Tags: tags = {} } = await awsCall('ListTags', mapping.UUID ?? '', () =>
    lambda.send(new ListTagsCommand({ Resource: mapping.EventSourceMappingArn })),
  );
  return tags;
}

/** Whether the mapping's tags say msk-flows created it for `owner`'s principal in `owner`'s request. */
export async function madeByRequest(
  lambda: LambdaClient,
  mapping: EventSourceMappingConfiguration,
  owner: RegistryOwner,
): Promise<boolean> {
  const tags = await mappingTags(lambda, mapping);
  return tags[TAG_PRINCIPAL] === owner.principal && tags[TAG_REQUEST_ID] === owner.requestId;
}
