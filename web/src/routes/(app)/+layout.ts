// The signed-in app renders in the browser only: its data needs the in-memory access token, and
// nothing here is meant for search engines. SvelteKit still splits each route into its own chunk.
export const ssr = false;
export const prerender = false;
