// The landing page is static: prerendered at build time and served as a file.
export const prerender = true;
