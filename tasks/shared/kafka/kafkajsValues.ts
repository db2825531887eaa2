import kafkajs from 'kafkajs';

/**
 * kafkajs is CommonJS and builds `module.exports` with a spread, so Node's ES-module loader (tsx, the CLI)
 * cannot see most of its named exports: `import { AclOperationTypes } from 'kafkajs'` fails at run time
 * there although TypeScript, jest and esbuild accept it. Import kafkajs's runtime values from here.
 */
export const {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ConfigResourceTypes,
  ResourcePatternTypes,
} = kafkajs;
