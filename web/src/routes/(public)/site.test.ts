// Goal: the public pages quote the numbers the API and worker enforce (same settings, same
// defaults as common/config.ts), read them in words people use, and build absolute URLs and
// JSON-LD that cannot be broken out of.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../common/config';
import {
  DEFAULT_WEB_ORIGIN,
  INDEXABLE_PATHS,
  POLICY_DEFAULTS,
  absoluteUrl,
  formatAmount,
  formatDuration,
  originOf,
  policyFrom,
  structuredData,
} from './site';

describe('the public pages’ policy', () => {
  it('has the same defaults as common/config.ts', () => {
    const defaults = parseConfig({});
    for (const [name, value] of Object.entries(POLICY_DEFAULTS)) {
      expect(String(defaults[name as keyof typeof defaults]), name).toBe(value);
    }
    expect(defaults.WEB_ORIGIN).toBe(DEFAULT_WEB_ORIGIN);
  });

  it('takes each setting from the environment when it is a number, else the default', () => {
    const policy = policyFrom({
      REVIEW_THRESHOLD_MINOR: '50000',
      DEPOSIT_LIMIT_DAILY_MINOR: 'lots',
      BANK_DEADLINE_MS: '',
    });
    expect(policy.REVIEW_THRESHOLD_MINOR).toBe('50000');
    expect(policy.DEPOSIT_LIMIT_DAILY_MINOR).toBe(POLICY_DEFAULTS.DEPOSIT_LIMIT_DAILY_MINOR);
    expect(policy.BANK_DEADLINE_MS).toBe(POLICY_DEFAULTS.BANK_DEADLINE_MS);
  });
});

describe('amounts and durations in words', () => {
  it('writes whole amounts without decimals and others with them', () => {
    expect(formatAmount('5000000', 'EUR')).toBe('€50,000');
    expect(formatAmount('100000', 'EUR')).toBe('€1,000');
    expect(formatAmount('1050', 'GBP')).toBe('£10.50');
    expect(formatAmount('1005', 'USD')).toBe('$10.05');
    expect(formatAmount('5000000', 'JPY')).toBe('¥5,000,000');
    expect(formatAmount('0', 'EUR')).toBe('€0');
    expect(() => formatAmount('-1', 'EUR')).toThrow(TypeError);
    expect(() => formatAmount('1.5', 'EUR')).toThrow(TypeError);
  });

  it('writes durations in the unit people expect', () => {
    expect(formatDuration(String(24 * 3600 * 1000))).toBe('24 hours');
    expect(formatDuration(String(48 * 3600 * 1000))).toBe('48 hours');
    expect(formatDuration(String(7 * 24 * 3600 * 1000))).toBe('7 days');
    expect(formatDuration(String(3600 * 1000))).toBe('1 hour');
    expect(formatDuration('90000')).toBe('90 seconds');
    expect(formatDuration('120000')).toBe('2 minutes');
    expect(() => formatDuration('0')).toThrow(RangeError);
  });
});

describe('absolute URLs and structured data', () => {
  it('keeps only the origin of a configured URL, and only for http and https', () => {
    expect(originOf('https://kizo.example/some/path?x=1')).toBe('https://kizo.example');
    expect(originOf('http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5173');
    expect(originOf('javascript:alert(1)')).toBeUndefined();
    expect(originOf('not a url')).toBeUndefined();
    expect(originOf(undefined)).toBeUndefined();
    expect(absoluteUrl('https://kizo.example', '/fees')).toBe('https://kizo.example/fees');
    expect(() => absoluteUrl('https://kizo.example', 'fees')).toThrow(RangeError);
  });

  it('lists the landing page, the information pages and sign-up for search engines, not the wallet', () => {
    expect(INDEXABLE_PATHS).toEqual(['/', '/fees', '/security', '/support', '/terms', '/privacy', '/signup']);
  });

  it('describes Kizo in JSON-LD that no text can close early', () => {
    const text = structuredData(
      { origin: 'https://kizo.example' },
      'A wallet </script><script>alert(1)</script>',
    );
    expect(text).not.toContain('<');
    const data = JSON.parse(text) as {
      '@graph': Array<{ '@type': string; description?: string; url?: string }>;
    };
    expect(data['@graph'].map((node) => node['@type'])).toEqual([
      'Organization',
      'WebSite',
      'FinancialProduct',
    ]);
    expect(data['@graph'][2]?.description).toBe('A wallet </script><script>alert(1)</script>');
    expect(data['@graph'][0]?.url).toBe('https://kizo.example/');
  });
});
