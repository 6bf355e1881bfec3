/**
 * Rewrite the module specifiers of one file, found with the TypeScript parser: import/export declarations
 * (`import type` too), `declare module '...'`, `import x = require('...')`, `require('...')`, `import('...')`,
 * `import('...')` types and `jest.mock('...')` / `vi.mock('...')`. Only the text inside the quotes changes, so
 * quotes, formatting and comments stay as they were.
 */
import ts from 'typescript'
import { mapSpecifier } from './specifiers.js'

export interface Problem {
  line: number
  specifier: string
  message: string
}

export interface TransformResult {
  output: string
  /** Specifiers rewritten. */
  changes: number
  problems: Problem[]
}

const MOCKERS = new Set(['jest', 'vi'])
const MOCK_METHODS = new Set(['mock', 'doMock', 'unmock', 'requireActual', 'importActual'])

function scriptKind(fileName: string): ts.ScriptKind {
  if (/\.tsx$/.test(fileName)) return ts.ScriptKind.TSX
  if (/\.[cm]?ts$/.test(fileName)) return ts.ScriptKind.TS
  if (/\.jsx$/.test(fileName)) return ts.ScriptKind.JSX
  return ts.ScriptKind.JS
}

function isStringLike(node: ts.Node | undefined): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  return !!node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
}

/** The string literals that name a module in this node, if it is one of the forms above. */
function specifierOf(node: ts.Node): ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | undefined {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && isStringLike(node.moduleSpecifier)) return node.moduleSpecifier
  if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) return node.name
  if (ts.isExternalModuleReference(node) && isStringLike(node.expression)) return node.expression
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && isStringLike(node.argument.literal)) return node.argument.literal
  if (ts.isCallExpression(node)) {
    const [first] = node.arguments
    if (!isStringLike(first)) return undefined
    const callee = node.expression
    if (callee.kind === ts.SyntaxKind.ImportKeyword) return first
    if (ts.isIdentifier(callee) && callee.text === 'require') return first
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const owner = callee.expression.text
      const method = callee.name.text
      if (owner === 'require' && method === 'resolve') return first
      if (MOCKERS.has(owner) && MOCK_METHODS.has(method)) return first
    }
  }
  return undefined
}

export function transformSource(fileName: string, text: string): TransformResult {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind(fileName))
  const edits: { start: number; end: number; text: string }[] = []
  const problems: Problem[] = []
  const visit = (node: ts.Node): void => {
    const literal = specifierOf(node)
    if (literal) {
      const mapping = mapSpecifier(literal.text)
      const start = literal.getStart(source)
      if (mapping && 'to' in mapping) {
        edits.push({ start: start + 1, end: literal.end - 1, text: mapping.to })
      } else if (mapping) {
        const line = source.getLineAndCharacterOfPosition(start).line + 1
        problems.push({ line, specifier: literal.text, message: mapping.problem })
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  let output = text
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    output = output.slice(0, edit.start) + edit.text + output.slice(edit.end)
  }
  return { output, changes: edits.length, problems }
}
