import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))
const coreDir = join(here, '../..')
/** The provider modules `@auth/core` 0.41.x ships (`@auth/core/providers/*` minus index, provider-types, passkey, webauthn). */
const names = readFileSync(join(here, 'fixtures/auth-js-provider-names.txt'), 'utf8').split('\n').filter(Boolean)

const EMAIL = new Set(['email', 'nodemailer', 'resend', 'sendgrid', 'postmark', 'mailgun', 'forwardemail', 'loops'])

/** The options an Auth.js app passes to each kind of provider. */
function authJsOptions(name: string): Record<string, unknown> {
  if (name === 'credentials') return { credentials: { username: { label: 'Username' } }, authorize: async () => null }
  if (EMAIL.has(name)) return { server: 'smtp://user:pass@127.0.0.1:2525', from: 'Auth <no-reply@example.com>', apiKey: 'key', transactionalId: 'tx' }
  return {
    clientId: 'client-id',
    clientSecret: 'client-secret',
    issuer: 'https://idp.example.com',
    allowDangerousEmailAccountLinking: false,
    authorization: { params: { prompt: 'consent' } },
    checks: ['pkce', 'state'],
  }
}

describe('every Auth.js provider module exists as @latch/core/providers/<name>', () => {
  it('the fixture lists the 103 module names', () => {
    expect(names).toHaveLength(103)
    expect(new Set(names).size).toBe(103)
  })

  it.each(names)('%s resolves and its default export returns a provider', async (name) => {
    expect(existsSync(join(coreDir, 'src/providers', `${name}.ts`))).toBe(true)
    const mod = (await import(`@latch/core/providers/${name}`)) as { default: (o: unknown) => Record<string, unknown> }
    expect(typeof mod.default).toBe('function')
    const provider = mod.default(authJsOptions(name))
    expect(typeof provider.id).toBe('string')
    expect(['oauth', 'oidc', 'email', 'credentials']).toContain(provider.type)
    if (provider.type === 'oauth' || provider.type === 'oidc') {
      expect(provider.clientId).toBe('client-id')
      expect(provider.checks).toEqual(['pkce', 'state'])
      expect((provider.authorization as { params?: Record<string, string> }).params?.prompt).toBe('consent')
    }
  })

  it('every module type-checks through the package exports (tsc over an import of each, published .d.ts)', async () => {
    const dir = join(coreDir, 'test/providers/.tsc-check')
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    const lines = names.map((n, i) => `import p${i} from '@latch/core/providers/${n}'`)
    const calls = names.map((n, i) => `export const v${i} = p${i}(${JSON.stringify(authJsOptions(n)).replace(/"authorize":null/, '"authorize":async () => null')} as any)`)
    // `as any` only on the options literal; the default export's own type is what is checked to exist and be callable.
    writeFileSync(join(dir, 'check.ts'), [...lines, ...calls, ''].join('\n'))
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: '../../../../../tsconfig.base.json', compilerOptions: { noEmit: true, types: [], skipLibCheck: true }, include: ['check.ts'] }),
    )
    const tsc = join(coreDir, '../../node_modules/typescript/bin/tsc')
    try {
      await promisify(execFile)(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: dir })
    } catch (error) {
      throw new Error(String((error as { stdout?: string }).stdout ?? error))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 180_000)
})
