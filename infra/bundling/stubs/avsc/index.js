// Bundle stub for `avsc` (see ../README.md): only platformatic's schema registry uses Avro.
const unavailable = () => {
  throw new Error('Avro is not bundled (infra/bundling/stubs/avsc)');
};
export default { Type: { forSchema: unavailable } };
