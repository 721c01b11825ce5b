// sitemap.xml: the public pages search engines may list, as absolute URLs on this installation's
// configured origin (site.server.ts), never on whatever Host a request names.
import { INDEXABLE_PATHS, absoluteUrl } from '../(public)/site';
import { siteInfo } from '../(public)/site.server';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => {
  const { origin } = siteInfo();
  const urls = INDEXABLE_PATHS.map(
    (path) => `  <url><loc>${escapeXml(absoluteUrl(origin, path))}</loc></url>`,
  );
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join('\n')}
</urlset>
`;
  return new Response(body, {
    headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' },
  });
};

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
