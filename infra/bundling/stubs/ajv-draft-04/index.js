// Bundle stub for `ajv-draft-04` (see ../README.md): only platformatic's schema registry uses it.
export default class AjvDraft04 {
  constructor() {
    throw new Error('The schema registry is not bundled (infra/bundling/stubs/ajv-draft-04)');
  }
}
