// The landing page is rendered by the server (it has no data, so this is cheap) rather than
// prerendered: its responses then pass through hooks.server.ts and carry the security headers.
export const prerender = false;
