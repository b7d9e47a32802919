/**
 * The layer rules hold on the tree (docs/architecture.md lists them), and each rule fails on its deliberate breach
 * in test/project/fixtures/layer-breaches, so a rule that stops matching anything cannot pass unnoticed.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Breach, LAYER_RULES } from './layer-rules.js';
import { type ParsedSource, parseProject, REPO, repoProject } from './source-graph.js';

const FIXTURES = join(REPO, 'test/project/fixtures/layer-breaches');
const show = (breaches: Breach[]) => breaches.map((b) => `${b.file}:${b.line} → ${b.target}`).join('\n');

describe('the layer rules', () => {
  let tree: ParsedSource[];
  let fixtures: ParsedSource[];

  it('parse the tree and the breach fixtures', () => {
    tree = repoProject();
    fixtures = parseProject(join(FIXTURES, 'tsconfig.json'), FIXTURES);
    expect(tree.some((s) => s.path === 'devnet/index.ts')).toBe(true);
    expect(fixtures.length).toBeGreaterThanOrEqual(LAYER_RULES.length);
  }, 120_000);

  for (const rule of LAYER_RULES) {
    describe(rule.name, () => {
      it(`holds on the tree: ${rule.says}`, () => {
        const breaches = rule.check(tree);
        expect(breaches, show(breaches)).toEqual([]);
      });

      it('fails on its breach fixture', () => {
        const breaches = rule.check(fixtures);
        expect(breaches.length, `${rule.name} found nothing in ${FIXTURES}`).toBeGreaterThan(0);
        expect(breaches.every((b) => b.rule === rule.name)).toBe(true);
      });
    });
  }
});
