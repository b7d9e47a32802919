/**
 * The project's TypeScript sources as the compiler parses them (the TypeScript 7 API: one `tsc` process, its
 * syntax trees read over IPC): each file's imports and its functions. The layer, cycle and function-length tests
 * read the tree through this one loader.
 */
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Node, type SourceFile, SyntaxKind } from 'typescript/unstable/ast';
import { API } from 'typescript/unstable/sync';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** One import of a file: the specifier as written, the repo file it resolves to (relative ones only), type-only or not. */
export interface SourceImport {
  specifier: string;
  /** Repo-relative path with `/`, or undefined for a package import. */
  target: string | undefined;
  typeOnly: boolean;
  /** `import('…')` as an expression: loaded when the code runs, not when the file is imported. */
  dynamic: boolean;
  line: number;
}

/** One function-like node and its length in lines (first to last line, both counted). */
export interface SourceFunction {
  name: string;
  line: number;
  lines: number;
}

export interface ParsedSource {
  /** Repo-relative path with `/` (inside a fixture project: relative to the fixture root). */
  path: string;
  imports: SourceImport[];
  functions: SourceFunction[];
}

const FUNCTION_KINDS = new Set<SyntaxKind>([
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.FunctionExpression,
  SyntaxKind.ArrowFunction,
  SyntaxKind.MethodDeclaration,
  SyntaxKind.Constructor,
  SyntaxKind.GetAccessor,
  SyntaxKind.SetAccessor,
]);

const toPosix = (path: string) => path.split(sep).join('/');

/**
 * Parses every source file of the project at `tsconfig` (absolute) and returns them with paths relative to `root`.
 * Files outside `root` and under node_modules are left out.
 */
export function parseProject(tsconfig: string, root: string): ParsedSource[] {
  const api = new API({ cwd: dirname(tsconfig) });
  try {
    const snapshot = api.updateSnapshot({ openProjects: [tsconfig] });
    const project = snapshot.getProject(tsconfig) ?? snapshot.getProjects()[0];
    if (!project) throw new Error(`TypeScript opened no project for ${tsconfig}`);
    const sources: ParsedSource[] = [];
    for (const fileName of project.program.getSourceFileNames()) {
      const path = toPosix(relative(root, fileName));
      if (path.startsWith('..') || path.includes('node_modules/')) continue;
      const sourceFile = project.program.getSourceFile(fileName);
      if (!sourceFile) continue;
      sources.push({
        path,
        imports: importsOf(sourceFile, fileName, root),
        functions: functionsOf(sourceFile),
      });
    }
    return sources;
  } finally {
    api.close();
  }
}

function lineOf(sourceFile: SourceFile, position: number): number {
  return sourceFile.getLineAndCharacterOfPosition(position).line + 1;
}

function importsOf(sourceFile: SourceFile, fileName: string, root: string): SourceImport[] {
  return sourceFile.imports.map((literal) => {
    const specifier = (literal as Node & { text: string }).text;
    const target = specifier.startsWith('.') ? resolveSource(fileName, specifier, root) : undefined;
    const dynamic = literal.parent?.kind === SyntaxKind.CallExpression;
    return {
      specifier,
      target,
      typeOnly: isTypeOnly(literal),
      dynamic,
      line: lineOf(sourceFile, literal.pos),
    };
  });
}

/** `./a.js` → `a.ts` (or `.tsx`, or `a/index.ts` for a folder), relative to the root. */
function resolveSource(fileName: string, specifier: string, root: string): string {
  const absolute = resolve(dirname(fileName), specifier);
  const path = toPosix(relative(root, absolute));
  if (/\.(js|jsx)$/.test(path)) return path.replace(/\.js$/, '.ts').replace(/\.jsx$/, '.tsx');
  if (/\.\w+$/.test(path)) return path;
  return `${path}/index.ts`;
}

interface ImportLike {
  kind: SyntaxKind;
  isTypeOnly?: boolean;
  importClause?: { isTypeOnly?: boolean; namedBindings?: { elements?: readonly { isTypeOnly?: boolean }[] } };
  parent?: ImportLike;
}

/** `import type …`, `export type … from`, `import('…')` in a type position, or every named binding `type`. */
function isTypeOnly(literal: Node): boolean {
  const parent = literal.parent as ImportLike | undefined;
  if (!parent) return false;
  if (parent.kind === SyntaxKind.ImportDeclaration) {
    const clause = parent.importClause;
    if (!clause) return false; // a side-effect import
    if (clause.isTypeOnly) return true;
    const elements = clause.namedBindings?.elements;
    return elements !== undefined && elements.length > 0 && elements.every((element) => element.isTypeOnly);
  }
  if (parent.kind === SyntaxKind.ExportDeclaration) return parent.isTypeOnly === true;
  // `import('x')` in a type: the literal sits in a LiteralType inside an ImportType.
  return parent.kind === SyntaxKind.LiteralType && parent.parent?.kind === SyntaxKind.ImportType;
}

function functionsOf(sourceFile: SourceFile): SourceFunction[] {
  const found: SourceFunction[] = [];
  const visit = (node: Node): void => {
    if (FUNCTION_KINDS.has(node.kind)) {
      const start = lineOf(sourceFile, node.getStart(sourceFile));
      const end = lineOf(sourceFile, node.end);
      found.push({ name: functionName(node), line: start, lines: end - start + 1 });
    }
    node.forEachChild(visit);
  };
  sourceFile.forEachChild(visit);
  return found;
}

function functionName(node: Node): string {
  const own = (node as Node & { name?: Node & { text?: string } }).name?.text;
  if (own) return own;
  const parent = node.parent as (Node & { name?: Node & { text?: string } }) | undefined;
  return parent?.name?.text ?? (node.kind === SyntaxKind.Constructor ? 'constructor' : '(anonymous)');
}

/** The repo's own project (tsconfig.json), parsed once per test file. */
let repoSources: ParsedSource[] | undefined;
export function repoProject(): ParsedSource[] {
  repoSources ??= parseProject(join(REPO, 'tsconfig.json'), REPO);
  return repoSources;
}
