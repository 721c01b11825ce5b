// See https://svelte.dev/docs/kit/types#app.d.ts for the shapes SvelteKit lets us declare.
declare global {
  namespace App {
    // interface Error {}
    // interface Locals {}
    // interface PageData {}
    // interface PageState {}
    // interface Platform {}
  }
}

export {};
