/**
 * Project templates: the folders of `templates/` in the devkit package. A template is copied as is, except
 * `gitignore` and `npmrc` (npm drops those dotfiles from packages) become `.gitignore` and `.npmrc`, and its package.json gets the
 * project's name and walrus-devkit dependency.
 */
import { cpSync, existsSync, lstatSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What a template folder may hold that is never copied (left there by running the template in place). */
const SKIPPED = new Set(['node_modules', 'dist', '.walrus', 'test-results', 'package-lock.json']);

/** The templates in `templatesDir`, by folder name. */
export function listTemplates(templatesDir: string): string[] {
  return readdirSync(templatesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** The relative paths a template would write (for the non-empty-directory check and the report). */
export function templateFiles(templateDir: string, dir = templateDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name)) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? templateFiles(templateDir, path) : [targetName(relative(templateDir, path))];
  });
}

/** Template files stored without their leading dot, because `npm pack` would leave them out. */
const DOTFILES = /(^|\/)(gitignore|npmrc)$/;
const targetName = (path: string) => path.replace(DOTFILES, '$1.$2');

/**
 * The first target path that exists and is not a regular file (a directory, link or device we must not replace),
 * or undefined when the template can be written.
 */
export function blockedPath(templateDir: string, target: string): string | undefined {
  return templateFiles(templateDir).find((file) => {
    const path = join(target, file);
    return existsSync(path) && !lstatSync(path).isFile();
  });
}

/** Copies the template into `target` and sets the project's name and walrus-devkit dependency. */
export function copyTemplate(
  templateDir: string,
  target: string,
  project: { name: string; devkitDependency: string },
): void {
  cpSync(templateDir, target, {
    recursive: true,
    filter: (source) => !SKIPPED.has(source.split(/[\\/]/).pop() ?? ''),
  });
  for (const file of templateFiles(templateDir).filter((f) => /(^|\/)\.(gitignore|npmrc)$/.test(f)))
    renameSync(join(target, file.replace(/(^|\/)\.(gitignore|npmrc)$/, '$1$2')), join(target, file));
  const manifestPath = join(target, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    name: string;
    dependencies?: Record<string, string>;
  };
  manifest.name = project.name;
  manifest.dependencies = { ...manifest.dependencies, 'walrus-devkit': project.devkitDependency };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** A valid npm package name made from a directory name. */
export function packageNameFor(dirName: string): string {
  const name = dirName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '');
  return name || 'walrus-app';
}
