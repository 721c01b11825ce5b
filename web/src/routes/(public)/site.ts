/**
 * What the public pages (landing, terms, privacy, security, support, fees) say about this
 * installation, as pure functions: the pages' list for the footer and the sitemap, the limits in
 * words people read ("€50,000"), absolute URLs for search engines and link previews, and the
 * JSON-LD that describes Kizo. The numbers themselves come from the server's environment
 * (site.server.ts), with the same defaults as common/config.ts (a test keeps the two in step).
 */
// Relative, not $lib: the web's unit tests run on plain Vitest, without SvelteKit's aliases.
import { CURRENCIES, type Currency } from '../../lib/money';

/** A public page: its path and its name in links. */
export interface PublicPage {
  path: string;
  name: string;
}

/** The plain-language pages every public page links to in its footer. */
export const INFORMATION_PAGES: readonly PublicPage[] = [
  { path: '/fees', name: 'Fees and limits' },
  { path: '/security', name: 'Security' },
  { path: '/support', name: 'Support' },
  { path: '/terms', name: 'Terms' },
  { path: '/privacy', name: 'Privacy' },
];

/** Every page search engines may list, in the order the sitemap gives them. */
export const INDEXABLE_PATHS: readonly string[] = [
  '/',
  ...INFORMATION_PAGES.map((page) => page.path),
  '/signup',
];

/**
 * The policy settings the public pages quote, named as in common/config.ts, with its defaults.
 * Amounts are minor units per currency (like the API's configuration), durations milliseconds.
 */
export const POLICY_DEFAULTS = {
  REVIEW_THRESHOLD_MINOR: '100000',
  DEPOSIT_LIMIT_PER_MOVEMENT_MINOR: '5000000',
  DEPOSIT_LIMIT_DAILY_MINOR: '10000000',
  WITHDRAWAL_LIMIT_PER_MOVEMENT_MINOR: '5000000',
  WITHDRAWAL_LIMIT_DAILY_MINOR: '10000000',
  REVIEW_TIMEOUT_MS: String(24 * 3600 * 1000),
  BANK_DEADLINE_MS: String(24 * 3600 * 1000),
  PAYMENT_REQUEST_EXPIRY_MS: String(7 * 24 * 3600 * 1000),
} as const;

export type PolicyName = keyof typeof POLICY_DEFAULTS;
/** Each setting as a string of digits. */
export type Policy = Record<PolicyName, string>;

/** Everything a public page needs to know about the installation it is served from. */
export interface SiteInfo {
  /** The web app's public origin (scheme, host, port; no trailing slash). */
  origin: string;
  /** The API's readable documentation. */
  apiDocsUrl: string;
  policy: Policy;
}

/** common/config.ts's WEB_ORIGIN default: the origin when the environment names none. */
export const DEFAULT_WEB_ORIGIN = 'http://127.0.0.1:5173';

const DIGITS = /^\d{1,18}$/;

/**
 * The policy from an environment: each setting that is a string of digits, else its default (the
 * API refuses to start with a malformed one, so the default is then what the API would use too).
 */
export function policyFrom(environment: Record<string, string | undefined>): Policy {
  const entries = Object.entries(POLICY_DEFAULTS).map(([name, fallback]) => {
    const value = environment[name]?.trim();
    return [name, value && DIGITS.test(value) ? value : fallback];
  });
  return Object.fromEntries(entries) as Policy;
}

/** The origin of a configured URL ("https://kizo.example/" -> "https://kizo.example"), or undefined. */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** An absolute URL on the site: ("https://kizo.example", "/fees") -> "https://kizo.example/fees". */
export function absoluteUrl(origin: string, path: string): string {
  if (!path.startsWith('/')) throw new RangeError(`a site path starts with "/": ${path}`);
  return `${origin}${path}`;
}

const SYMBOLS: Record<Currency, string> = { EUR: '€', USD: '$', GBP: '£', JPY: '¥' };

/**
 * An amount of minor units as people read it on these pages: whole amounts without decimals
 * ("5000000", "EUR") -> "€50,000", others with them ("1050", "EUR") -> "€10.50". BigInt only.
 */
export function formatAmount(amountMinor: string, currency: Currency): string {
  if (!DIGITS.test(amountMinor)) throw new TypeError(`not an amount in minor units: ${amountMinor}`);
  const exponent = CURRENCIES[currency];
  const scale = 10n ** BigInt(exponent);
  const value = BigInt(amountMinor);
  const whole = (value / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = value % scale;
  const decimals = fraction === 0n ? '' : `.${fraction.toString().padStart(exponent, '0')}`;
  return `${SYMBOLS[currency]}${whole}${decimals}`;
}

const DAY_MS = 24 * 3_600_000;

/** A duration in the largest unit that divides it: 86400000 -> "24 hours", 604800000 -> "7 days". */
export function formatDuration(milliseconds: string): string {
  const value = Number(milliseconds);
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`not a duration: ${milliseconds}`);
  // Days only past two of them: "24 hours" and "48 hours" read better than "1 day" and "2 days".
  const units: Array<[number, string]> = [
    ...(value > 2 * DAY_MS ? [[DAY_MS, 'day'] as [number, string]] : []),
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1_000, 'second'],
  ];
  const [size, name] = units.find(([unit]) => value % unit === 0) ?? [1, 'millisecond'];
  const count = value / size;
  return `${count} ${name}${count === 1 ? '' : 's'}`;
}

/** The JSON-LD as the inline data block the page carries (its JSON already escaped, below). */
export function structuredDataScript(json: string): string {
  return `<script type="application/ld+json">${json}</` + 'script>';
}

/**
 * The JSON-LD that tells search engines what Kizo is: the organisation, the web site and the
 * wallet as a financial product (with its fees stated honestly: none, as a demonstration).
 * Escaped for an inline <script> (no "<" can close it early).
 */
export function structuredData(site: Pick<SiteInfo, 'origin'>, description: string): string {
  const organisation = absoluteUrl(site.origin, '/#organization');
  const graph = {
    '@context': 'https://schema.org',
    '@graph': [
      {
        '@type': 'Organization',
        '@id': organisation,
        name: 'Kizo',
        url: absoluteUrl(site.origin, '/'),
        logo: absoluteUrl(site.origin, '/icon-512.png'),
      },
      {
        '@type': 'WebSite',
        '@id': absoluteUrl(site.origin, '/#website'),
        name: 'Kizo',
        url: absoluteUrl(site.origin, '/'),
        inLanguage: 'en',
        publisher: { '@id': organisation },
      },
      {
        '@type': 'FinancialProduct',
        '@id': absoluteUrl(site.origin, '/#wallet'),
        name: 'Kizo wallet',
        description,
        url: absoluteUrl(site.origin, '/'),
        provider: { '@id': organisation },
        feesAndCommissionsSpecification: absoluteUrl(site.origin, '/fees'),
        category: 'Digital wallet (demonstration, simulated bank)',
      },
    ],
  };
  return JSON.stringify(graph)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
