/** The onboarding request contract: schema, types, parsing and the names derived from it. */
export * from './arns';
export * from './jsonSchema';
export * from './names';
export * from './parse';
export * from './schema';
