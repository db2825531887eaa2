/** The one method our cores call on an AWS SDK v3 client. */
type Sender = { send(command: never, options?: never): Promise<unknown> };

/**
 * An AWS SDK v3 client whose package is imported on its first `send`, not when the module holding it loads.
 * Why: each client package costs 25–150 ms of module load (EC2's several times that), and a deps object that
 * names six clients made every task that holds it pay for all six. A core that calls a service imports that
 * service's commands from its package statically, so by the time it calls `send` the package is loaded and the
 * import here costs nothing; a task that never calls a service never loads it. Only `send` (promise form) is
 * forwarded: it is all our cores use. The real client is made once and reused.
 */
export function lazyClient<C extends Sender>(load: () => Promise<C>): C {
  let client: Promise<C> | undefined;
  const send = async (command: never, options?: never): Promise<unknown> => {
    client ??= load();
    return (await client).send(command, options);
  };
  return { send } as C;
}
