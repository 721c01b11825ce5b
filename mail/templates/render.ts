/**
 * What every mail template shares: the rendered shape (a subject, a plain-text body and an HTML
 * body saying the same), HTML escaping, the page around the HTML body, and formatting amounts
 * and dates in the reader's locale. The wording is English; the locale shapes numbers and dates.
 */
import { CURRENCIES, type Currency } from '../../common/money';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Mails state times in UTC, named, so a reader in any zone knows what they mean. */
const TIME_ZONE = 'UTC';
const FALLBACK_LOCALE = 'en';

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A locale Intl knows, else English (a stored tag from an older runtime must not break mail). */
export function usableLocale(locale: string | null | undefined): string {
  if (!locale) return FALLBACK_LOCALE;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale])[0] ?? FALLBACK_LOCALE;
  } catch {
    return FALLBACK_LOCALE;
  }
}

export function formatDateTime(at: Date, locale: string): string {
  return new Intl.DateTimeFormat(usableLocale(locale), {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: TIME_ZONE,
    timeZoneName: 'short',
  }).format(at);
}

/** Minor units as the reader writes money: 123456 EUR is "€1,234.56" in en, "1.234,56 €" in de. */
export function formatMoney(amountMinor: bigint, currency: Currency, locale: string): string {
  const decimals = CURRENCIES[currency];
  const format = new Intl.NumberFormat(usableLocale(locale), {
    style: 'currency',
    currency,
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  // A decimal string keeps every digit of a bigint (Intl reads it exactly; a number could round).
  const negative = amountMinor < 0n;
  const digits = (negative ? -amountMinor : amountMinor).toString().padStart(decimals + 1, '0');
  const decimal = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return format.format(`${negative ? '-' : ''}${decimal}` as unknown as number);
}

/** The HTML body: the paragraphs given (already escaped), an optional button, and the footer. */
export function htmlPage(options: { paragraphs: string[]; action?: { label: string; url: string } }): string {
  const button = options.action
    ? `<p><a href="${escapeHtml(options.action.url)}" style="display:inline-block;padding:10px 18px;background:#1d4ed8;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(options.action.label)}</a></p>
<p style="font-size:13px;color:#555">Or open this link: <a href="${escapeHtml(options.action.url)}">${escapeHtml(options.action.url)}</a></p>`
    : '';
  return `<!doctype html>
<html><body style="font-family:system-ui,sans-serif;max-width:560px;margin:auto;color:#111">
${options.paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}
${button}
<p style="font-size:12px;color:#777">Kizo. You get this mail because of your Kizo account; security mails cannot be turned off.</p>
</body></html>`;
}

/** Tags longer than this are not worth parsing (Accept-Language is client-chosen). */
const ACCEPT_LANGUAGE_LENGTH_MAX = 200;

/** The first language of an Accept-Language header that Intl knows, as a canonical BCP 47 tag. */
export function localeFromAcceptLanguage(header: string | undefined): string {
  for (const part of (header ?? '').slice(0, ACCEPT_LANGUAGE_LENGTH_MAX).split(',')) {
    const tag = part.split(';')[0]?.trim();
    if (!tag || tag === '*') continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical && usableLocale(canonical) === canonical) return canonical;
    } catch {
      // Not a well-formed tag: try the next one.
    }
  }
  return FALLBACK_LOCALE;
}
