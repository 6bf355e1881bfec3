// Build the example once, start the local OIDC provider and `next start` on 127.0.0.1, hand the URLs to the tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { startDevOidc } from '@latch/dev-oidc'
import { freePort } from '@latch/dev-oidc/testing'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    oidcIssuer: string
  }
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const SECRET = 'latch-example-next-e2e-secret-0123456789abcdef'

async function waitFor(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${log()}`)
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`next start did not answer ${url} within 60 s:\n${log()}`)
}

export default async function setup(project: TestProject) {
  // Point the tests at a server you started yourself (e.g. the example on Next 15.5): no build, no start.
  if (process.env.LATCH_E2E_BASE_URL) {
    project.provide('baseUrl', process.env.LATCH_E2E_BASE_URL.replace(/\/$/, ''))
    project.provide('oidcIssuer', process.env.LATCH_E2E_OIDC_ISSUER ?? '')
    return
  }
  const nextBin = createRequire(join(root, 'package.json')).resolve('next/dist/bin/next')
  for (const pkg of ['core', 'next']) {
    if (!existsSync(join(root, `../../packages/${pkg}/dist/index.js`))) {
      throw new Error(`packages/${pkg} is not built: run \`pnpm build\` at the repository root first`)
    }
  }
  if (process.env.LATCH_E2E_SKIP_BUILD !== '1' || !existsSync(join(root, '.next/BUILD_ID'))) {
    const started = Date.now()
    const build = spawnSync(process.execPath, [nextBin, 'build'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      timeout: 540_000,
    })
    if (build.status !== 0) throw new Error(`next build failed (${build.status}):\n${build.stdout}\n${build.stderr}`)
    console.log(`[example-next] next build took ${Math.round((Date.now() - started) / 1000)} s`)
  }

  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const client = { client_id: 'latch-example-next-e2e', client_secret: 'latch-example-next-e2e-secret' }
  const oidc = await startDevOidc({ clients: [{ ...client, redirect_uris: [`${baseUrl}/api/auth/callback/dev-oidc`] }] })

  let output = ''
  const child = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    detached: true, // its own process group, so teardown ends next and anything it started
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      AUTH_URL: baseUrl,
      AUTH_SECRET: SECRET,
      DEV_OIDC_ISSUER: oidc.issuer,
      DEV_OIDC_CLIENT_ID: client.client_id,
      DEV_OIDC_CLIENT_SECRET: client.client_secret,
    },
  })
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  try {
    await waitFor(`${baseUrl}/api/auth/providers`, child, () => output)
  } catch (e) {
    if (child.pid) process.kill(-child.pid, 'SIGTERM')
    await oidc.close()
    throw e
  }
  project.provide('baseUrl', baseUrl)
  project.provide('oidcIssuer', oidc.issuer)

  return async () => {
    if (child.pid && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))])
    }
    await oidc.close()
    if (process.env.LATCH_E2E_LOG === '1') console.log(output)
  }
}
