// robots.txt: crawl the public site, not the signed-in wallet, and find the sitemap at its absolute
// URL (the robots standard wants one), on this installation's configured origin.
import { absoluteUrl } from '../(public)/site';
import { siteInfo } from '../(public)/site.server';
import type { RequestHandler } from './$types';

/** The signed-in app: rendered in the browser only, nothing there for a search engine. */
const PRIVATE_PATHS = ['/dashboard', '/schedules', '/admin'];

export const GET: RequestHandler = () => {
  const { origin } = siteInfo();
  const body = [
    'User-agent: *',
    'Allow: /',
    ...PRIVATE_PATHS.map((path) => `Disallow: ${path}`),
    '',
    `Sitemap: ${absoluteUrl(origin, '/sitemap.xml')}`,
    '',
  ].join('\n');
  return new Response(body, {
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' },
  });
};
