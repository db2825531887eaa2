/**
 * What a Lambda bundle gets in place of an `@aws-sdk/client-*` package (lazyAwsSdkPlugin, ./plugin.ts): the same
 * names, whose client loads the real package on its first `send`. A task's module load then costs no SDK
 * package (each costs 85–280 ms to load, more than a whole task); a task loads only the services an invocation
 * calls. Tests and local runs never see this: they import the real packages.
 */

/** An AWS SDK v3 client package, as `import()` gives it. */
export type SdkPackage = Record<string, unknown>;

/** The real client's surface used here. */
interface RealClient {
  send(command: unknown, options?: unknown): Promise<unknown>;
  middlewareStack: { add(middleware: unknown, options?: unknown): void };
  config: Record<string | symbol, unknown>;
  destroy(): void;
}

type RealClass<T> = new (...args: unknown[]) => T;

/** Marks a stand-in command with the name of the real command class it becomes. */
const COMMAND = Symbol.for('msk-flows.lazyAwsSdk.command');

interface CommandStandIn {
  readonly input: unknown;
  readonly [COMMAND]: string;
}

/** The export `name` of `pkg` (the ES namespace of a CommonJS package may hold it under `default` only). */
function exportOf<T>(pkg: SdkPackage, name: string): T {
  const value = pkg[name] ?? (pkg.default as SdkPackage | undefined)?.[name];
  if (value === undefined) throw new Error(`The AWS SDK package has no export ${name}`);
  return value as T;
}

const named = <T>(value: T, name: string): T => Object.defineProperty(value, 'name', { value: name });

/**
 * A command class that only holds its input: the lazy client makes the real command from it when it sends. Our
 * code builds commands before the client is loaded, and only ever reads `input` back.
 */
export function commandStandIn(name: string): new (input: unknown) => CommandStandIn {
  class Command implements CommandStandIn {
    readonly [COMMAND] = name;
    constructor(readonly input: unknown) {}
  }
  return named(Command, name);
}

/**
 * A service exception class for `instanceof`: an SDK error is an instance when its `name` is the class's, which
 * is how the SDK names the errors it deserializes (`ExecutionAlreadyExists`…).
 */
export function exceptionStandIn(name: string): new (options?: { message?: string }) => Error {
  class Exception extends Error {
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof Error && value.name === name;
    }
    constructor(options?: { message?: string }) {
      super(options?.message);
      this.name = name;
    }
  }
  return named(Exception, name);
}

/** The real command for `command`: made from a stand-in's input, or `command` itself when it is already real. */
function realCommand(pkg: SdkPackage, command: unknown): unknown {
  const standIn = command as Partial<CommandStandIn> | null;
  const name = standIn?.[COMMAND];
  return name ? new (exportOf<RealClass<unknown>>(pkg, name))(standIn?.input) : command;
}

/**
 * A client class whose instances keep their constructor arguments and the middleware added to them until the
 * first `send`, `config` read or `real()`, then make the real client from `load()` once and forward to it.
 * Supports what our code uses: `send` (promise form), `middlewareStack.add` (the tracer), `config.<provider>()`
 * (credentials, region: each read is an async call of the real provider) and `destroy`.
 */
export function lazyClientClass(load: () => Promise<SdkPackage>, name: string) {
  class LazyClient {
    readonly #args: unknown[];
    readonly #middleware: [unknown, unknown][] = [];
    #created?: RealClient;
    #real?: Promise<{ client: RealClient; pkg: SdkPackage }>;

    readonly middlewareStack = {
      add: (middleware: unknown, options?: unknown): void => {
        if (this.#created) this.#created.middlewareStack.add(middleware, options);
        else this.#middleware.push([middleware, options]);
      },
    };

    /** `config.credentials()`, `config.region()`…: the real client's resolved provider, called once loaded. */
    readonly config = new Proxy(
      {},
      {
        get:
          (_, key) =>
          async (...args: unknown[]): Promise<unknown> => {
            const { client } = await this.#load();
            const value = client.config[key];
            return typeof value === 'function' ? value.apply(client.config, args) : value;
          },
      },
    );

    constructor(...args: unknown[]) {
      this.#args = args;
    }

    #load(): Promise<{ client: RealClient; pkg: SdkPackage }> {
      this.#real ??= load().then((pkg) => {
        const client = new (exportOf<RealClass<RealClient>>(pkg, name))(...this.#args);
        for (const [middleware, options] of this.#middleware) client.middlewareStack.add(middleware, options);
        this.#created = client;
        return { client, pkg };
      });
      return this.#real;
    }

    /** The real client (loading its package on first use). */
    async real(): Promise<RealClient> {
      return (await this.#load()).client;
    }

    async send(command: unknown, options?: unknown): Promise<unknown> {
      const { client, pkg } = await this.#load();
      return client.send(realCommand(pkg, command), options);
    }

    destroy(): void {
      this.#created?.destroy();
    }
  }
  return named(LazyClient, name);
}
