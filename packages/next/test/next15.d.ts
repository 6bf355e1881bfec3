// The `next15` alias (npm:next@15.5) ships no types that NodeNext resolves for its subpaths; its server API has
// the shape of Next 16's for what these tests use.
declare module 'next15/server' {
  export * from 'next/server'
}
