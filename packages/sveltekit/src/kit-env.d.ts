// SvelteKit virtual module, provided by the app's Vite build.
declare module '$env/dynamic/private' {
  export const env: Record<string, string | undefined>
}
