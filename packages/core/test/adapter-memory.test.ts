import { defineAdapterSuite } from '../src/testing/adapter-suite.js'
import { MemoryAdapter } from '../src/adapters/memory.js'

defineAdapterSuite({ name: 'memory', adapter: () => MemoryAdapter() })
