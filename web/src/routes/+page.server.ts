// The landing page's data: this installation's origin (for canonical and social URLs), the API's
// docs and the limits it quotes (site.server.ts). Sent without JavaScript: the page is text, links
// and one illustration, so it needs none and loads as fast as a page can.
import { siteInfo } from './(public)/site.server';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load: PageServerLoad = () => ({ site: siteInfo() });
