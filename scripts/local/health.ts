/** A local service's answer to its health check: healthy, or the reason it is not. */
export interface HealthCheck {
  healthy: boolean;
  reason?: string;
}

/** Runs one health call (3 s at most) and turns its outcome into a HealthCheck; always runs `cleanup`. */
export async function probe(
  call: (signal: AbortSignal) => Promise<unknown>,
  cleanup: () => void,
): Promise<HealthCheck> {
  try {
    await call(AbortSignal.timeout(3_000));
    return { healthy: true };
  } catch (error) {
    return {
      healthy: false,
      reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  } finally {
    cleanup();
  }
}
