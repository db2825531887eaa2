// asl-validator 4 ships no type declarations; this is the part of its API we call.
declare module 'asl-validator' {
  interface AslValidationResult {
    isValid: boolean;
    errors: unknown[];
    errorsText: (separator?: string) => string;
  }
  function aslValidator(
    definition: object,
    options?: { checkPaths: boolean; checkArn: boolean },
  ): AslValidationResult;
  export default aslValidator;
}
