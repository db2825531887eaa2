import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { isTransientAwsError } from '../aws/transient';
import { SecretAccessError, SecretFormatError, SecretNotFoundError, SecretThrottledError } from './errors';
import type { SecretStore } from './store';

let sharedClient: SecretsManagerClient | undefined;

/** The Secrets Manager client of this Lambda container, created on first use. */
export function secretsManagerClient(): SecretsManagerClient {
  sharedClient ??= new SecretsManagerClient({});
  return sharedClient;
}

/** The typed error of a failed call: retriable when the service was only busy or away. */
function accessFailure(
  id: string,
  operation: string,
  error: unknown,
): SecretAccessError | SecretThrottledError {
  return isTransientAwsError(error)
    ? new SecretThrottledError(id, operation, { cause: error })
    : new SecretAccessError(id, operation, { cause: error });
}

function isNotFound(error: unknown): boolean {
  return (error as { name?: string }).name === 'ResourceNotFoundException';
}

/** What Secrets Manager answers for a read or write of a secret scheduled for deletion (among other things). */
function isInvalidRequest(error: unknown): boolean {
  return (error as { name?: string }).name === 'InvalidRequestException';
}

/** Options for secrets this store creates (`put` of a name that does not exist yet). */
export interface SecretsManagerStoreOptions {
  client?: SecretsManagerClient;
  /** MSK SCRAM secrets must be encrypted with a customer-managed key. */
  kmsKeyId?: string;
  /** Days before a deleted secret is gone for good (7–30); Secrets Manager's default is 30. */
  recoveryWindowInDays?: number;
  /** Tags a new secret carries (IAM grants on existing secrets may require them), by its name. */
  tagsFor?: (name: string) => Record<string, string>;
}

/** SecretStore over AWS Secrets Manager; ids are secret ARNs or names. */
export class SecretsManagerStore implements SecretStore {
  readonly #client: SecretsManagerClient;
  readonly #options: SecretsManagerStoreOptions;

  constructor(options: SecretsManagerStoreOptions = {}) {
    this.#client = options.client ?? secretsManagerClient();
    this.#options = options;
  }

  async get(id: string): Promise<string> {
    try {
      const { SecretString } = await this.#client.send(new GetSecretValueCommand({ SecretId: id }));
      if (SecretString === undefined)
        throw new SecretFormatError(id, ['SecretString: missing (binary secret?)']);
      return SecretString;
    } catch (error) {
      if (error instanceof SecretFormatError) throw error;
      // A secret an offboarding scheduled for deletion is gone as far as its readers are concerned.
      if (isNotFound(error) || (isInvalidRequest(error) && (await this.#scheduledForDeletion(id)))) {
        throw new SecretNotFoundError(id, { cause: error });
      }
      throw accessFailure(id, 'read', error);
    }
  }

  async put(id: string, value: string): Promise<void> {
    try {
      await this.#client.send(new PutSecretValueCommand({ SecretId: id, SecretString: value }));
    } catch (error) {
      if (isInvalidRequest(error) && (await this.#scheduledForDeletion(id))) {
        await this.#restoreAndPut(id, value);
        return;
      }
      if (!isNotFound(error)) throw accessFailure(id, 'write', error);
      if (id.startsWith('arn:')) throw new SecretNotFoundError(id, { cause: error });
      await this.#create(id, value);
    }
  }

  async delete(id: string, options: { immediately?: boolean } = {}): Promise<void> {
    const window = options.immediately
      ? { ForceDeleteWithoutRecovery: true }
      : { RecoveryWindowInDays: this.#options.recoveryWindowInDays };
    try {
      await this.#client.send(new DeleteSecretCommand({ SecretId: id, ...window }));
    } catch (error) {
      if (!isNotFound(error)) throw accessFailure(id, 'delete', error);
    }
  }

  /** Whether DescribeSecret shows the secret scheduled for deletion (false when it cannot tell). */
  async #scheduledForDeletion(id: string): Promise<boolean> {
    try {
      const out = await this.#client.send(new DescribeSecretCommand({ SecretId: id }));
      return out.DeletedDate !== undefined;
    } catch {
      return false;
    }
  }

  /** Storing under a name an offboarding scheduled for deletion: restore the secret, then the new value. */
  async #restoreAndPut(id: string, value: string): Promise<void> {
    try {
      await this.#client.send(new RestoreSecretCommand({ SecretId: id }));
      await this.#client.send(new PutSecretValueCommand({ SecretId: id, SecretString: value }));
    } catch (error) {
      throw accessFailure(id, 'write', error);
    }
  }

  async #create(name: string, value: string): Promise<void> {
    const tags = Object.entries(this.#options.tagsFor?.(name) ?? {}).map(([Key, Value]) => ({ Key, Value }));
    try {
      await this.#client.send(
        new CreateSecretCommand({
          Name: name,
          SecretString: value,
          KmsKeyId: this.#options.kmsKeyId,
          ...(tags.length > 0 ? { Tags: tags } : {}),
        }),
      );
    } catch (error) {
      throw accessFailure(name, 'create', error);
    }
  }
}
