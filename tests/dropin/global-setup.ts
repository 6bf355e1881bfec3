import { rmSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import { installBase } from './pack.js'

declare module 'vitest' {
  export interface ProvidedContext {
    latchAppsDir: string
  }
}

/** One pack + install for every test file of the project. */
export default async function setup(project: TestProject) {
  const dir = await installBase()
  project.provide('latchAppsDir', dir)
  return () => rmSync(dir, { recursive: true, force: true })
}
