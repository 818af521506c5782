export * from './generated/index.js';
export * from './errors.js';
export * from './version.js';
