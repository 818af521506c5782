import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, isCompatible, parseVersion } from '../src/index.js';

describe('parseVersion', () => {
  it('parses plain, v-prefixed, pre-release and build versions', () => {
    expect(parseVersion('1.2.3')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: '' });
    expect(parseVersion('v24.19.0')).toEqual({ major: 24, minor: 19, patch: 0, prerelease: '' });
    expect(parseVersion('0.1.0-rc.1+abc')).toEqual({
      major: 0,
      minor: 1,
      patch: 0,
      prerelease: 'rc.1'
    });
  });

  it('rejects text that is not a version', () => {
    for (const text of ['', '1', '1.2', '01.2.3', '1.2.x', 'latest', '1.2.3.4']) {
      expect(parseVersion(text), text).toBeUndefined();
    }
  });
});

describe('isCompatible', () => {
  it('accepts equal major and minor, whatever the patch', () => {
    expect(isCompatible('0.1.0', '0.1.0')).toBe(true);
    expect(isCompatible('0.1.0', '0.1.7')).toBe(true);
    expect(isCompatible('1.4.2-rc.1', '1.4.0')).toBe(true);
  });

  it('rejects different minor or major versions', () => {
    expect(isCompatible('0.1.0', '0.2.0')).toBe(false);
    expect(isCompatible('1.1.0', '2.1.0')).toBe(false);
  });

  it('rejects unparseable versions', () => {
    expect(isCompatible('0.1.0', 'dev')).toBe(false);
    expect(isCompatible('', '')).toBe(false);
  });

  it('is symmetric', () => {
    const versions = ['0.1.0', '0.1.9', '0.2.0', '1.0.0', 'nonsense'];
    for (const a of versions) {
      for (const b of versions) {
        expect(isCompatible(a, b)).toBe(isCompatible(b, a));
      }
    }
  });

  it('has protocol version 1', () => {
    expect(PROTOCOL_VERSION).toBe(1);
  });
});
