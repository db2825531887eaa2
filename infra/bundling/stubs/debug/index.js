// Bundle stand-in for `debug` (see ../README.md): @platformatic/kafka names its loggers with it
// (`plt:kafka:protocol`, `:client`, `:producer`, `:consumer`, `:admin`). Same switch as the package: `DEBUG`
// lists namespaces (comma or space separated, `*` wildcards, `-` excludes), read at load; an enabled logger
// writes one line to stderr: ISO time, namespace, the arguments formatted like console.log. Without the package's
// browser build, colours and humanized time deltas (~10 KB).
import { formatWithOptions } from 'node:util';

const patterns = (process.env.DEBUG ?? '').split(/[\s,]+/).filter(Boolean);
const matcher = (pattern) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*?')}$`);
const excluded = patterns.filter((p) => p.startsWith('-')).map((p) => matcher(p.slice(1)));
const included = patterns.filter((p) => !p.startsWith('-')).map(matcher);

/** Whether `namespace` logs under DEBUG. */
const isEnabled = (namespace) =>
  !excluded.some((re) => re.test(namespace)) && included.some((re) => re.test(namespace));

/** A logger for `namespace`, as `debug(namespace)` makes one. */
export default function createDebug(namespace) {
  const log = (...args) => {
    if (!log.enabled) return;
    process.stderr.write(
      `${new Date().toISOString()} ${namespace} ${formatWithOptions({ colors: false }, ...args)}\n`,
    );
  };
  log.namespace = namespace;
  log.enabled = isEnabled(namespace);
  log.extend = (sub, delimiter = ':') => createDebug(`${namespace}${delimiter}${sub}`);
  return log;
}
