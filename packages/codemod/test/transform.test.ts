import { describe, expect, test } from 'vitest'
import { mapSpecifier, transformSource, unifiedDiff } from '../src/index.js'

describe('transformSource', () => {
  test('rewrites every form of module reference, keeping quotes, comments and layout', () => {
    const input = [
      `import NextAuth from 'next-auth' // the app`,
      `import type { JWT } from "next-auth/jwt"`,
      'export { signIn, signOut } from `next-auth/react`',
      `export * from '@auth/core/errors'`,
      `import GitHub from '@auth/core/providers/github'`,
      `import { getServerSession } from 'next-auth/next'`,
      `declare module 'next-auth' {`,
      `  interface Session { id: string }`,
      `}`,
      `declare module '@auth/core/types' {}`,
      `const { getToken } = require('next-auth/jwt')`,
      `import mw = require('next-auth/middleware')`,
      `const react = await import('next-auth/react')`,
      `type S = import('next-auth').Session`,
      `vi.mock('next-auth/react', () => ({}))`,
      `import { ExpressAuth } from '@auth/express'`,
      `import { SvelteKitAuth } from "@auth/sveltekit"`,
      `import { authHandler } from '@hono/auth-js'`,
      `import { PrismaAdapter } from '@auth/prisma-adapter'`,
      `import { TypeORMAdapter } from '@next-auth/typeorm-legacy-adapter'`,
      `const label = 'next-auth' /* a string, not an import: left alone */`,
    ].join('\n')
    const { output, changes, problems } = transformSource('app.ts', input)
    expect(output).toBe(
      [
        `import NextAuth from '@latch/next' // the app`,
        `import type { JWT } from "@latch/next/jwt"`,
        'export { signIn, signOut } from `@latch/next/react`',
        `export * from '@latch/core/errors'`,
        `import GitHub from '@latch/core/providers/github'`,
        `import { getServerSession } from '@latch/next'`,
        `declare module '@latch/next' {`,
        `  interface Session { id: string }`,
        `}`,
        `declare module '@latch/core/types' {}`,
        `const { getToken } = require('@latch/next/jwt')`,
        `import mw = require('@latch/next/middleware')`,
        `const react = await import('@latch/next/react')`,
        `type S = import('@latch/next').Session`,
        `vi.mock('@latch/next/react', () => ({}))`,
        `import { ExpressAuth } from '@latch/express'`,
        `import { SvelteKitAuth } from "@latch/sveltekit"`,
        `import { authHandler } from '@latch/hono'`,
        `import { PrismaAdapter } from '@auth/prisma-adapter'`,
        `import { TypeORMAdapter } from '@next-auth/typeorm-legacy-adapter'`,
        `const label = 'next-auth' /* a string, not an import: left alone */`,
      ].join('\n'),
    )
    expect(changes).toBe(16)
    expect(problems).toEqual([])
    // A second run changes nothing.
    expect(transformSource('app.ts', output)).toEqual({ output, changes: 0, problems: [] })
  })

  test('lists, with their line, the imports it cannot convert and leaves them as they are', () => {
    const input = `import x from 'next-auth/adapters'\n\nimport y from '@auth/core/providers/made-up'\nimport z from 'next-auth/client/_utils'\nimport '@auth/solid-start'\n`
    const { output, problems } = transformSource('a.tsx', input)
    expect(output).toBe(input)
    expect(problems.map((p) => [p.line, p.specifier])).toEqual([
      [1, 'next-auth/adapters'],
      [3, '@auth/core/providers/made-up'],
      [4, 'next-auth/client/_utils'],
      [5, '@auth/solid-start'],
    ])
  })

  test('parses JSX in .js and .jsx files', () => {
    const input = `import { useSession } from 'next-auth/react'\nexport const A = () => <p>{'next-auth'}</p>\n`
    expect(transformSource('a.jsx', input).output).toBe(input.replace(`'next-auth/react'`, `'@latch/next/react'`))
    expect(transformSource('a.js', input).output).toBe(input.replace(`'next-auth/react'`, `'@latch/next/react'`))
  })
})

describe('mapSpecifier', () => {
  test('providers Latch ships map to @latch/core/providers, others are problems', () => {
    expect(mapSpecifier('next-auth/providers/google')).toEqual({ to: '@latch/core/providers/google' })
    expect(mapSpecifier('@auth/sveltekit/providers/github')).toEqual({ to: '@latch/core/providers/github' })
    expect(mapSpecifier('next-auth/providers/made-up')).toHaveProperty('problem')
    expect(mapSpecifier('next-auth/providers/nodemailer')).toEqual({ to: '@latch/core/providers/nodemailer' })
    expect(mapSpecifier('react')).toBeNull()
    expect(mapSpecifier('@latch/next')).toBeNull()
  })
})

describe('unifiedDiff', () => {
  test('prints hunks with context and line numbers', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n')
    const after = before.replace('b', 'B').replace('i', 'I')
    expect(unifiedDiff('x.ts', before, after)).toBe(
      ['--- a/x.ts', '+++ b/x.ts', '@@ -1,10 +1,10 @@', ' a', '-b', '+B', ' c', ' d', ' e', ' f', ' g', ' h', '-i', '+I', ' j', ''].join('\n'),
    )
    expect(unifiedDiff('x.ts', before, before)).toBe('')
  })
})
