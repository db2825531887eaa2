/** The local S3 server: Adobe S3Mock (Spring Boot 4, runs on Java 17), pinned here (pom.xml -Ds3mock.version). */
export const S3MOCK_VERSION = '5.2.0';

/** Loopback only, for both of S3Mock's connectors (see config.ts for how the HTTP one is kept there). */
export const S3_HOST = '127.0.0.1';
/** The plain-HTTP connector: what the SDK talks to (S3Mock's default). */
export const S3_HTTP_PORT = 9090;
/** S3Mock's HTTPS connector (self-signed certificate); unused by us, but it always listens. */
export const S3_HTTPS_PORT = 9191;

/** Buckets created at start-up: the landing bucket of the S3 writers and the DLQ claim-check bucket. */
export const LOCAL_BUCKETS = ['msk-flows-local', 'msk-flows-local-dlq'] as const;
