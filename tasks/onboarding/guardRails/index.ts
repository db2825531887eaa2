/** The guard rails: the platform policy, and the checks Validate Request and Plan Changes run with it. */
export * from './checkGuardRails';
export * from './defaults';
export * from './enforceGuardRails';
export * from './errors';
export * from './facts';
export * from './ownership';
export * from './policy';
export * from './prefixRules';
export * from './processPolicy';
export * from './reservedPrincipals';
export * from './superUsers';
export * from './topicRules';
