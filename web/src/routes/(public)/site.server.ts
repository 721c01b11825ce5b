/**
 * The installation's public facts, read on the server at request time so that one build serves
 * every deployment: the site's origin (adapter-node's ORIGIN, which `./kizo up` and the test stack
 * set from WEB_ORIGIN; else WEB_ORIGIN itself; else common/config.ts's default), the API's docs,
 * and the policy the API and worker enforce (the same environment variables, same defaults).
 * Never taken from the request's Host header: a canonical URL must not be whatever a client sends.
 */
import { env } from '$env/dynamic/private';
import { apiBaseUrl } from '$lib/config';
import { DEFAULT_WEB_ORIGIN, originOf, policyFrom, type SiteInfo } from './site';

export function siteInfo(): SiteInfo {
  return {
    origin: originOf(env.ORIGIN) ?? originOf(env.WEB_ORIGIN) ?? DEFAULT_WEB_ORIGIN,
    apiDocsUrl: `${apiBaseUrl()}/docs`,
    policy: policyFrom(env),
  };
}
