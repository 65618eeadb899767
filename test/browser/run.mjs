/**
 * Real-browser test of the local preview: Debian's chromium (never a downloaded browser) driven by
 * playwright-core. Builds the preview, serves it on 127.0.0.1, and checks the console and the card on
 * fixture scenarios against the engine's own answers. Screenshots go to artifacts/screenshots/.
 * Prints one line per check and closes with "browser: N passed, N failed".
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildPreview } from '../../scripts/preview/build.mjs';
import { serve } from '../../scripts/preview/serve.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'artifacts', 'screenshots');
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
];

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    process.stdout.write('browser: installing chromium with apt-get\n');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'ignore', env });
    if (r.status === 0 && fs.existsSync(CHROMIUM)) return;
  }
  process.stderr.write(
    `browser: ${CHROMIUM} is missing: run "sudo apt-get install -y chromium" and try again\n`
  );
  process.exit(1);
}

// The engine's own answers, to compare the page with.
const { loadEngine } = require('../../scripts/lib/load-ts.cjs');
const { readChecklistRecords } = require('../../scripts/lib/checklist-xml.cjs');
const engine = loadEngine();
const checklist = readChecklistRecords();
const fixture = (name) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures', 'snapshots', `${name}.json`), 'utf8'));
const assess = (snapshot) => engine.assess(checklist, snapshot);

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed += 1;
    process.stdout.write(`  ok   ${name}\n`);
  } catch (error) {
    failed += 1;
    process.stdout.write(
      `  FAIL ${name}\n       ${String(error?.message ?? error)
        .split('\n')
        .join('\n       ')}\n`
    );
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function scoreShown(page) {
  const label = await page.locator('#console c-readiness-header [role="img"]').getAttribute('aria-label');
  return Number(/(\d+)/.exec(label ?? '')?.[1]);
}

/** Polls the header's score (synthetic shadow hides it from document.querySelector). */
async function waitForScore(page, score, timeout = 15000) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    if ((await scoreShown(page)) === score) return;
    await page.waitForTimeout(100);
  }
}

async function chooseScenario(page, name) {
  await page.selectOption('#scenario', name);
  await page.waitForSelector(`body[data-scenario="${name}"]`);
  await page.locator('#console c-readiness-header [data-status]').waitFor();
}

async function main() {
  ensureChromium();
  const { warnings } = await buildPreview();
  for (const w of warnings) process.stderr.write(`preview build warning: ${w}\n`);
  const { server, url } = await serve(0);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-chromium-'));
  fs.mkdirSync(SHOTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1400, height: 1000 }
  });
  const errors = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    process.stdout.write(`browser: ${url} in ${CHROMIUM}\n`);

    await check('the preview loads the console and the card, with every scenario', async () => {
      await page.goto(url);
      await page.locator('#console c-readiness-header [data-status]').waitFor({ timeout: 20000 });
      const options = await page.locator('#scenario option').count();
      const fixtures = fs
        .readdirSync(path.join(ROOT, 'fixtures', 'snapshots'))
        .filter((f) => f.endsWith('.json'));
      assert(options === fixtures.length, `${options} scenarios for ${fixtures.length} fixtures`);
      await page.locator('#card [data-id="status"]').waitFor();
    });

    await check(
      'MFA for API logins via profile: blocked, with the failing checks the engine finds',
      async () => {
        await page.selectOption('#scenario', { label: 'MFA for API logins via profile' });
        await page.waitForSelector('body[data-scenario="mfa-api-via-profile"]');
        const expected = assess(fixture('mfa-api-via-profile')).report;
        const status = await page
          .locator('#console c-readiness-header [data-status]')
          .getAttribute('data-status');
        assert(status === 'blocked', `status ${status}`);
        assert(
          (await scoreShown(page)) === expected.score,
          `score ${await scoreShown(page)} != ${expected.score}`
        );
        const failing = await page
          .locator('#console article[data-status="fail"]')
          .evaluateAll((els) => els.map((e) => e.dataset.checkId).sort());
        const want = expected.checks
          .filter((c) => c.status === 'fail')
          .map((c) => c.id)
          .sort();
        assert(JSON.stringify(failing) === JSON.stringify(want), `failing ${failing} != ${want}`);
        assert(failing.includes('mfa.api-logins-disabled'), 'mfa.api-logins-disabled is not failing');
        const mfa = page.locator('#console article[data-check-id="mfa.api-logins-disabled"]');
        assert(
          (await mfa.locator('[data-id="fix"]').count()) === 0,
          'a profile-only problem offers a Fix button'
        );
        const href = await mfa.locator('[data-id="setup-link"]').getAttribute('href');
        assert(href && href.includes('/lightning/setup/EnhancedProfiles/'), `setup link ${href}`);
      }
    );

    await check('the card shows the blocked status and the blocker first', async () => {
      const card = page.locator('#card');
      assert(
        (await card.locator('[data-id="status"]').getAttribute('data-status')) === 'blocked',
        'card status'
      );
      const first = await card.locator('[data-check-id]').first().getAttribute('data-check-id');
      assert(first === 'mfa.api-logins-disabled', `first problem ${first}`);
      await page
        .locator('#console')
        .screenshot({ path: path.join(SHOTS, 'console-mfa-api-via-profile.png') });
      await card.screenshot({ path: path.join(SHOTS, 'card-mfa-api-via-profile.png') });
    });

    for (const [scenario, blocker] of [
      ['locked-out-user', 'user.not-locked-out'],
      ['frozen-user', 'user.not-frozen'],
      ['soap-login-no-use-any-api-auth', 'auth.use-any-api-auth'],
      ['soap-login', 'auth.login-method'],
      ['limited-admin-rights', 'user.not-frozen']
    ]) {
      const expected = assess(fixture(scenario)).report;
      await check(
        `${scenario}: console and card say ${expected.status}, ${blocker} first on the card`,
        async () => {
          await chooseScenario(page, scenario);
          const status = await page
            .locator('#console c-readiness-header [data-status]')
            .getAttribute('data-status');
          assert(status === expected.status, `console status ${status}`);
          const card = page.locator('#card');
          await card.locator('[data-id="status"]').waitFor();
          const cardStatus = await card.locator('[data-id="status"]').getAttribute('data-status');
          assert(cardStatus === expected.status, `card status ${cardStatus}`);
          const cardClass = (await card.locator('[data-id="status"]').getAttribute('class')) ?? '';
          assert(!cardClass.includes('slds-theme_success'), `the card shows green for ${scenario}`);
          assert(
            (await card.locator('[data-id="no-problems"]').count()) === 0,
            'the card says "No problems"'
          );
          const first = await card.locator('[data-check-id]').first().getAttribute('data-check-id');
          assert(first === blocker, `first problem on the card ${first}`);
          const incomplete = await page.locator('#console [data-id="incomplete"]').count();
          assert(
            incomplete > 0 === !expected.completeness.complete,
            `incomplete banner shown: ${incomplete > 0}, complete: ${expected.completeness.complete}`
          );
        }
      );
    }

    const name = 'new-user-fixable';
    const before = assess(fixture(name));
    const afterScore = assess(engine.applyChanges(fixture(name), before.plan.changes)).report.score;

    await check(`Fix all safe issues on ${name}: preview, confirm, new score ${afterScore}`, async () => {
      await chooseScenario(page, name);
      assert((await scoreShown(page)) === before.report.score, `score before ${await scoreShown(page)}`);
      await page.locator('#console [data-id="fix-all"] button').click();
      const rows = page.locator('tr[data-change-key]');
      await rows.first().waitFor();
      assert(
        (await rows.count()) === before.plan.changes.length,
        `${await rows.count()} changes shown, plan has ${before.plan.changes.length}`
      );
      await page.locator('[data-id="confirm"] button').click();
      await page.locator('[data-id="done"]').waitFor();
      await page.screenshot({ path: path.join(SHOTS, 'fix-modal-done.png') });
      await page.locator('[data-id="close"] button').click();
      await page.locator('[data-id="done"]').waitFor({ state: 'detached' });
      await waitForScore(page, afterScore);
      assert((await scoreShown(page)) === afterScore, `score after ${await scoreShown(page)}`);
      await page.locator('#console').screenshot({ path: path.join(SHOTS, 'console-after-fix.png') });
    });

    await check('the fix log lists the fix and Undo restores the score', async () => {
      await page.locator('#console lightning-tabset').getByRole('tab', { name: 'Fix log' }).click();
      const undo = page.locator('#console tr[data-log-id] button', { hasText: 'Undo' });
      await undo.first().waitFor();
      await undo.first().click();
      await waitForScore(page, before.report.score);
      assert((await scoreShown(page)) === before.report.score, `score after undo ${await scoreShown(page)}`);
      await page.locator('#card').screenshot({ path: path.join(SHOTS, 'card-new-user-fixable.png') });
    });

    await check('no script errors on the page', async () => {
      assert(errors.length === 0, errors.join('\n'));
    });
  } finally {
    await context.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(`screenshots: ${path.relative(ROOT, SHOTS)}/\n`);
  process.stdout.write(`browser: ${passed} passed, ${failed} failed\n`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  process.stderr.write(`browser: ${error.stack ?? error}\n`);
  process.stdout.write(`browser: ${passed} passed, ${failed + 1} failed\n`);
  process.exit(1);
});
