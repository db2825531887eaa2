export * from './batchResponse';
export * from './decode';
export * from './errors';
export * from './kafkajs';
export * from './parse';
export type * from './types';
