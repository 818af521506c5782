import { describe, expect, it } from 'vitest';
import {
  FeaturelabError,
  IncompatibleVersionError,
  InvalidArgumentsError,
  isFeaturelabError
} from '../src/index.js';

describe('FeaturelabError', () => {
  it('carries kind, hint and cause', () => {
    const cause = new Error('disk full');
    const error = new FeaturelabError('RegistryUnavailableError', 'cannot write', {
      hint: 'Free some disk space.',
      cause
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.kind).toBe('RegistryUnavailableError');
    expect(error.name).toBe('RegistryUnavailableError');
    expect(error.hint).toBe('Free some disk space.');
    expect(error.cause).toBe(cause);
    expect(error.toErrorData()).toEqual({
      kind: 'RegistryUnavailableError',
      hint: 'Free some disk space.'
    });
  });

  it('omits an absent hint from the error data', () => {
    expect(new InvalidArgumentsError('args.ms must be a number').toErrorData()).toEqual({
      kind: 'InvalidArgumentsError'
    });
  });

  it('explains version mismatches with a fix', () => {
    const error = new IncompatibleVersionError('service', '0.1.0', '0.2.3');
    expect(error.kind).toBe('IncompatibleVersionError');
    expect(error.message).toContain('0.2.3');
    expect(error.message).toContain('0.1.0');
    expect(error.hint).toMatch(/same Featurelab release/);
    expect(error).toBeInstanceOf(FeaturelabError);
  });

  it('is recognised by the type guard, and plain errors are not', () => {
    expect(isFeaturelabError(new InvalidArgumentsError('x'))).toBe(true);
    expect(isFeaturelabError(new Error('x'))).toBe(false);
    expect(isFeaturelabError({ kind: 'X', message: 'y' })).toBe(false);
  });
});
