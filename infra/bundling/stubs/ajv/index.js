// Bundle stub for `ajv` (see ../README.md): only platformatic's schema registry constructs this class.
export class Ajv {
  constructor() {
    throw new Error('The schema registry is not bundled (infra/bundling/stubs/ajv)');
  }
}
export default Ajv;
