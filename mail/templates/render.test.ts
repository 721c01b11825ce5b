/**
 * Goal: mails format amounts and dates in the reader's locale (and fall back to English for a
 * tag Intl does not know), every template renders a text and an HTML body saying the same
 * thing, and nothing a user chose (a handle) reaches the HTML unescaped.
 */
import { describe, expect, it } from 'vitest';
import { passwordResetMail } from './password-reset';
import { formatDateTime, formatMoney, usableLocale } from './render';
import { securityNoticeMail } from './security-notice';
import { verifyEmailMail } from './verify-email';

const at = new Date('2026-12-05T14:30:00Z');

describe('mail formatting', () => {
  it('writes money and dates as the locale does', () => {
    expect(formatMoney(123456n, 'EUR', 'en')).toBe('€1,234.56');
    expect(formatMoney(123456n, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney(1500n, 'JPY', 'en')).toBe('¥1,500');
    expect(formatMoney(-5n, 'EUR', 'en')).toBe('-€0.05');
    // Every digit of a large amount survives (a float would round the cents).
    expect(formatMoney(900719925474099123n, 'EUR', 'en')).toBe('€9,007,199,254,740,991.23');
    expect(formatDateTime(at, 'en')).toMatch(/^December 5, 2026(,| at) 2:30\sPM UTC$/);
    expect(formatDateTime(at, 'fr-FR')).toContain('décembre 2026');
    expect(usableLocale('zz-not-a-locale-tag-at-all')).toBe('en');
    expect(usableLocale(undefined)).toBe('en');
  });

  it('renders text and HTML for each mail, escaping what users chose', () => {
    const mails = [
      verifyEmailMail({
        handle: 'a<b>',
        url: 'http://x/v?token=t&u=1',
        expiresAt: at,
        locale: 'en',
        change: false,
      }),
      passwordResetMail({ handle: 'a<b>', url: 'http://x/r?token=t', expiresAt: at, locale: 'de' }),
      securityNoticeMail({
        handle: 'a<b>',
        change: 'password-reset',
        at,
        locale: 'en',
        supportUrl: 'http://x/s',
      }),
    ];
    for (const mail of mails) {
      expect(mail.subject).toMatch(/Kizo/);
      expect(mail.text).toContain('@a<b>');
      expect(mail.html).toContain('@a&lt;b&gt;');
      expect(mail.html).not.toContain('<b>');
    }
    expect(mails[0]!.html).toContain('href="http://x/v?token=t&amp;u=1"');
    expect(mails[0]!.text).toContain('http://x/v?token=t&u=1');
    expect(mails[1]!.text).toContain('5. Dezember 2026');
  });
});
