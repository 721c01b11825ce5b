/** Goal: JSON for machines, pretty lines for a person at a development terminal, as LOG_FORMAT says. */
import { describe, expect, it } from 'vitest';
import { logFormat } from './logger';

describe('log format', () => {
  it('is pretty only at a development terminal, unless LOG_FORMAT says', () => {
    expect(logFormat({ NODE_ENV: 'development' }, true)).toBe('pretty');
    expect(logFormat({ NODE_ENV: 'development' }, false)).toBe('json');
    expect(logFormat({ NODE_ENV: 'production' }, true)).toBe('json');
    expect(logFormat({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
    expect(logFormat({ NODE_ENV: 'development', LOG_FORMAT: 'json' }, true)).toBe('json');
  });
});
