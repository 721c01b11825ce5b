// The plain-language pages (fees, security, support, terms, privacy): rendered on the server with
// the installation's numbers and origin (site.server.ts), and sent without JavaScript: they are
// text and links, so they need none, and they load as fast as a page can.
import { siteInfo } from './site.server';
import type { LayoutServerLoad } from './$types';

export const csr = false;

export const load: LayoutServerLoad = () => ({ site: siteInfo() });
