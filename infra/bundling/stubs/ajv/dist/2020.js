// Bundle stub for `ajv/dist/2020.js` (see ../../README.md): platformatic's options validators accept what our
// typed code passes; the tests run the real Ajv.
const valid = () => true;
valid.errors = null;

export class Ajv2020 {
  addKeyword() {
    return this;
  }
  compile() {
    return valid;
  }
  errorsText() {
    return '';
  }
}
export default Ajv2020;
