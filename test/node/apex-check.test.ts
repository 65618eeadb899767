/**
 * @jest-environment node
 *
 * Runs the offline Apex proof (scripts/apex/check.cjs: apex-parser, apex-ls, PMD) as part of npm test.
 * Needs Java; without it the script fails with one line saying how to install it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

describe('Apex offline checks', () => {
  it('parse, apex-ls and PMD report nothing', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/apex/check.cjs')], {
      cwd: ROOT,
      encoding: 'utf8'
    });
    const summary = run.stdout.trim().split('\n').pop() ?? '';
    expect({ status: run.status, stderr: run.stderr.trim() }).toEqual({ status: 0, stderr: '' });
    expect(summary).toMatch(
      /^apex: \d+ classes and \d+ trigger parsed \(0 syntax errors\), apex-ls 0 issues, PMD 0 violations/
    );
  }, 120000);
});
