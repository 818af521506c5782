/**
 * @packageDocumentation
 * @module kernel-bridge
 *
 * Frontend half of the Featurelab kernel bridge.
 */
export * from './arrow.js';
export * from './bridge.js';
export * from './catalog.js';
export * from './errors.js';
export * from './sparkTypes.js';
