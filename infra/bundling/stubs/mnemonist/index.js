// Bundle stand-in for `mnemonist` (see ../README.md): @platformatic/kafka imports only `LRUCache`, but the
// package's ES entry re-exports every CommonJS structure, which esbuild then carries whole (~16 KB more).
// This is the same class, from its own file, by path (the package exports its files to `require` only).
export { default as LRUCache } from '../../../../node_modules/mnemonist/lru-cache.js';
