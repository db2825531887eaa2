/** Where secret strings live: Secrets Manager on AWS, 0600 files under .local/secrets locally. */
export interface SecretStore {
  /** The secret's string value; SecretNotFoundError when it does not exist. */
  get(id: string): Promise<string>;
  /** Stores a new value for the secret (creating it where the store allows). */
  put(id: string, value: string): Promise<void>;
  /**
   * Deletes the secret; a missing secret is not an error. `immediately` skips a recovery window (for
   * compensation: what this run created is removed so a rerun can create it again).
   */
  delete(id: string, options?: { immediately?: boolean }): Promise<void>;
}
