import { loadS3Client, loadSqsClient } from '../../../../tasks/shared/aws/loadClients';

describe('loadS3Client', () => {
  it('addresses buckets path-style when the endpoint is overridden', async () => {
    // Prepare
    const env = { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9090' };

    // Act
    const client = await loadS3Client({ region: 'eu-west-1', env });

    // Assess
    expect(client.config.forcePathStyle).toBe(true);
    client.destroy();
  });

  it('keeps virtual-hosted addressing when no endpoint is overridden', async () => {
    // Act
    const client = await loadS3Client({ region: 'eu-west-1', env: {} });

    // Assess
    expect(client.config.forcePathStyle).not.toBe(true);
    client.destroy();
  });
});

describe('loadSqsClient', () => {
  it('applies the attempts asked for', async () => {
    // Act
    const client = await loadSqsClient({ region: 'eu-west-1', maxAttempts: 5 });

    // Assess
    expect(await client.config.maxAttempts()).toBe(5);
    client.destroy();
  });
});
