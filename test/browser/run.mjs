/**
 * Real-browser test of the local preview: Debian's chromium (never a downloaded browser) driven by
 * playwright-core. Builds the preview, serves it on 127.0.0.1, and checks the console and the card
 * against the engine's own answers:
 * - every scenario x every tab at 320, 390, 768 and 1280 px: no script error, no sideways scroll
 *   (document.scrollingElement.scrollWidth <= innerWidth), the worst problem is the first row, and
 *   the worst problem or root cause starts on the first screen at 1280x800, 390x844 and 320x568;
 * - the user picker at 320 and 390 px; the score range where checks are unread; root causes;
 * - the keyboard path Fix all -> untick -> apply -> result -> fix log -> Undo, with focus after
 *   Apply, Close and Undo, Escape, and Tab kept inside the modal;
 * - without the fix right (&canFix=0): saving is greyed out with the reason;
 * - the bundle is served minified, gzipped, with an ETag (304 when unchanged);
 * - axe (WCAG 2 A and AA rules) on the fix preview, the fix log and the field mapping;
 * - the field mapping saves, the user picker looks without saving and cancels.
 * Screenshots go to artifacts/screenshots/; with --update-docs the README's hero image
 * (docs/console.png) is written too. Prints one line per check, then "browser: N passed, N failed".
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
const HERO = path.join(ROOT, 'docs', 'console.png');
const AXE = require.resolve('axe-core/axe.min.js');
const UPDATE_DOCS = process.argv.includes('--update-docs');
const WIDTHS = [320, 390, 768, 1280];
const FIRST_SCREENS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
  { width: 320, height: 568 }
];
const FIRST_SCREEN = { width: 1280, height: 800 };
const TABS = ['checks', 'mapping', 'logins', 'log'];
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
const FIXTURES = path.join(ROOT, 'fixtures', 'snapshots');
const SCENARIOS = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();
const fixture = (name) => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));
const assess = (snapshot) => engine.assess(checklist, snapshot);

// The console's order, restated from the spec: problems (fail, warn, unknown) by severity, then status.
const SEVERITY = { blocker: 0, required: 1, recommended: 2, info: 3 };
const STATUS = { fail: 0, warn: 1, unknown: 2 };
function worstProblem(report) {
  const problems = report.checks.filter((c) => c.status in STATUS);
  problems.sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity] || STATUS[a.status] - STATUS[b.status]);
  return problems[0] ?? null;
}

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

const header = '#console c-readiness-header';

async function scoreShown(page) {
  const label = await page.locator(`${header} [role="img"]`).getAttribute('aria-label');
  return Number(/(\d+)/.exec(label ?? '')?.[1]);
}

/** Polls the header's score until it is the one expected (or the time is up). */
async function waitForScore(page, score, timeout = 15000) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    if ((await scoreShown(page)) === score) return;
    await page.waitForTimeout(100);
  }
}

/** A fresh page load on a scenario: nothing left over from the previous one. */
async function open(page, url, scenario) {
  await page.goto(`${url}?scenario=${encodeURIComponent(scenario)}`);
  await page.waitForSelector(`body[data-scenario="${scenario}"]`);
  await page.locator(`${header} [data-status]`).waitFor({ timeout: 20000 });
}

/** Opens a tab: the tab itself, or on a phone the select the tabs become. */
async function openTab(page, tab) {
  const button = page.locator(`#console [role="tab"][data-tab="${tab}"]`);
  if (await button.isVisible()) await button.click();
  else await page.locator('#console [data-id="tab-select"]').selectOption(tab);
  await page.locator(`#console [data-panel="${tab}"]`).waitFor();
}

/** The element focused now, through the shadow roots, as "tag[data-id]". */
async function focusedPath(page) {
  return page.evaluate(() => {
    let active = document.activeElement;
    const path = [];
    while (active) {
      path.push(`${active.tagName.toLowerCase()}${active.dataset?.id ? `[${active.dataset.id}]` : ''}`);
      active = active.shadowRoot?.activeElement ?? null;
    }
    return path.join(' > ');
  });
}

/** Whether the focused element is inside the open modal. */
async function focusInModal(page) {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active) {
      if (active.tagName.toLowerCase() === 'lightning-overlay-container') return true;
      if (active.closest?.('section[role="dialog"]')) return true;
      active = active.shadowRoot?.activeElement ?? null;
    }
    return false;
  });
}

/** Where the first root cause (or else the first problem row) starts, in px from the top. */
async function firstProblemTop(page) {
  const cause = page.locator('#console [data-id="root-causes"] article[data-cause-id]').first();
  const row = page.locator('#console [data-id="problems"] article[data-check-id]').first();
  const target = (await cause.count()) ? cause : row;
  const box = await target.boundingBox();
  return box ? box.y : Infinity;
}

/** Sideways scroll of the page, with the widest elements when there is some. */
async function sideways(page) {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth <= window.innerWidth) return null;
    const wide = [];
    const walk = (node) => {
      for (const child of node.children ?? []) {
        const r = child.getBoundingClientRect();
        if (r.right > window.innerWidth + 1) {
          const cls = typeof child.className === 'string' ? child.className.trim().split(/\s+/)[0] : '';
          wide.push(`${child.tagName.toLowerCase()}${cls ? `.${cls}` : ''} (${Math.round(r.right)} px)`);
        }
        walk(child);
        if (child.shadowRoot) walk(child.shadowRoot);
      }
    };
    walk(document.body);
    return `page ${root.scrollWidth} px wide in a ${window.innerWidth} px window; widest: ${wide.slice(-4).join(', ')}`;
  });
}

/** axe on one element of the page: WCAG 2 A and AA rules. Returns a line per violation. */
async function axe(page, locator) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const handle = await locator.elementHandle();
  const violations = await page.evaluate(async (element) => {
    const result = await window.axe.run(element, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations', 'passes']
    });
    const lines = result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
    );
    // A run that saw nothing proves nothing: axe must have checked the component's own markup.
    const checked = result.passes.reduce((n, rule) => n + rule.nodes.length, 0);
    if (checked < 10) lines.push(`axe checked only ${checked} elements: it did not see the component`);
    return lines;
  }, handle);
  await handle.dispose();
  return violations;
}

/** Presses a key on an element reached by focus, as a keyboard user would. */
async function press(locator, key) {
  await locator.focus();
  await locator.press(key);
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
    viewport: FIRST_SCREEN
  });
  const errors = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15000);
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' || (m.type() === 'warning' && /lwc|\[LWC/i.test(m.text())))
        errors.push(m.text());
    });
    process.stdout.write(`browser: ${url} in ${CHROMIUM}\n`);

    await check('the preview lists every scenario and says when a ?scenario= is unknown', async () => {
      await open(page, url, 'mfa-api-via-profile');
      const options = await page.locator('#scenario option').count();
      assert(options === SCENARIOS.length, `${options} scenarios for ${SCENARIOS.length} fixtures`);
      assert(await page.locator('#scenario-notice').isHidden(), 'a notice shows for a known scenario');
      await page.goto(`${url}?scenario=no-such-scenario`);
      await page.locator(`${header} [data-status]`).waitFor({ timeout: 20000 });
      const notice = page.locator('#scenario-notice');
      assert(await notice.isVisible(), 'no notice for an unknown scenario');
      assert((await notice.textContent()).includes('no-such-scenario'), 'the notice does not name it');
      assert(
        (await page.locator('body').textContent()).includes('reload starts the scenario over'),
        'the preview does not say that a reload resets it'
      );
    });

    for (const scenario of SCENARIOS) {
      const { report } = assess(fixture(scenario));
      const worst = worstProblem(report);
      await check(
        `${scenario}: ${TABS.length} tabs x ${WIDTHS.join('/')} px without sideways scroll or script errors${
          worst ? `; ${worst.id} first on the first screen` : ''
        }`,
        async () => {
          const before = errors.length;
          await page.setViewportSize(FIRST_SCREEN);
          await open(page, url, scenario);
          if (worst) {
            const first = page.locator('#console [data-id="problems"] article[data-check-id]').first();
            assert(
              (await first.getAttribute('data-check-id')) === worst.id,
              `first row ${await first.getAttribute('data-check-id')}`
            );
            // The worst problem, or the root cause above it, starts on the first screen.
            const late = [];
            for (const screen of FIRST_SCREENS) {
              await page.setViewportSize(screen);
              await page.waitForTimeout(50);
              const top = await firstProblemTop(page);
              if (!(top < screen.height)) late.push(`${screen.width}x${screen.height}: starts at ${top} px`);
            }
            assert(
              !late.length,
              `the worst problem or root cause is below the first screen: ${late.join('; ')}`
            );
            await page.setViewportSize(FIRST_SCREEN);
          } else {
            await page.locator('#console [data-id="empty"]').waitFor();
          }
          // No passing check wears an alarming badge.
          const loud = await page
            .locator('#console article[data-status="pass"] [data-id="severity"]:not(.severity_quiet)')
            .count();
          assert(loud === 0, `${loud} passing checks wear a red severity badge`);
          const problems = [];
          for (const width of WIDTHS) {
            await page.setViewportSize({ width, height: 900 });
            for (const tab of TABS) {
              await openTab(page, tab);
              await page.waitForTimeout(50);
              const wide = await sideways(page);
              if (wide) problems.push(`${tab} at ${width} px: ${wide}`);
            }
            await openTab(page, 'checks');
          }
          assert(!problems.length, problems.join('\n'));
          assert(errors.length === before, errors.slice(before).join('\n'));
        }
      );
    }

    await page.setViewportSize(FIRST_SCREEN);

    await check('header: ring, status, user and actions on one row at 1280 px', async () => {
      await open(page, url, 'mfa-api-via-profile');
      const ring = await page.locator(`${header} div.header > div.ring`).boundingBox();
      const status = await page.locator(`${header} [data-id="status"]`).boundingBox();
      const actions = await page.locator(`${header} div.header > div.actions`).boundingBox();
      assert(ring && status && actions, 'header parts missing');
      assert(status.x > ring.x + ring.width - 1, 'the status is not beside the ring');
      assert(status.y < ring.y + ring.height, 'the status wraps under the ring');
      assert(
        actions.y < ring.y + ring.height && actions.x > status.x,
        'the actions are not on the same row, to the right'
      );
    });

    await check(
      'MFA for API logins via profile: blocked, the failing checks the engine finds, Open in Setup',
      async () => {
        const expected = assess(fixture('mfa-api-via-profile')).report;
        const status = await page.locator(`${header} [data-status]`).getAttribute('data-status');
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
        const mfa = page.locator('#console article[data-check-id="mfa.api-logins-disabled"]');
        assert(
          (await mfa.locator('[data-id="fix"]').count()) === 0,
          'a profile-only problem offers a Fix button'
        );
        const link = mfa.locator('[data-id="action-link"]');
        assert(
          (await link.getAttribute('data-kind')) === 'setup',
          `action ${await link.getAttribute('data-kind')}`
        );
        const href = await link.getAttribute('href');
        assert(href && href.includes('/lightning/setup/EnhancedProfiles/'), `setup link ${href}`);
        await mfa.locator('[data-id="toggle"]').click();
        await mfa.locator('[data-id="details"]').waitFor();
        assert(
          (await mfa.locator('[data-id="evidence"]').textContent()).trim().length > 0,
          'no evidence shown'
        );
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
      await card.screenshot({ path: path.join(SHOTS, 'card-mfa-api-via-profile.png') });
    });

    for (const [scenario, blocker] of [
      ['locked-out-user', 'user.not-locked-out'],
      ['frozen-user', 'user.not-frozen'],
      ['soap-login-no-use-any-api-auth', 'auth.use-any-api-auth'],
      ['soap-login', 'auth.login-method'],
      ['limited-admin-rights', 'user.not-frozen'],
      ['idle-connection', 'auth.recent-logins']
    ]) {
      const expected = assess(fixture(scenario)).report;
      await check(
        `${scenario}: console and card say ${expected.status}, ${blocker} first on the card`,
        async () => {
          await open(page, url, scenario);
          const status = await page.locator(`${header} [data-status]`).getAttribute('data-status');
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

    // The keyboard path on a new user: Fix all, untick a change others need, apply, result, log, Undo.
    const name = 'new-user-fixable';
    const before = assess(fixture(name));
    const selected = before.plan.selected;
    const untick = selected.find((key) => {
      const n = engine.dependentKeys(before.plan.changes, [key]).size;
      return key.startsWith('object:') && n > 1 && n < selected.length;
    });
    const dropped = engine.dependentKeys(before.plan.changes, [untick]);
    // What stays ticked, with the product's set and its assignment that come with the grants.
    const kept = engine.selectChanges(
      before.plan,
      selected.filter((key) => !dropped.has(key))
    ).changes;
    const ticking = engine.selectChanges(before.plan, selected).changes;
    const afterScore = assess(engine.applyChanges(fixture(name), kept)).report.score;

    await check(
      `keyboard: Fix all on ${name}, untick ${untick}, apply, see score ${afterScore}`,
      async () => {
        await open(page, url, name);
        assert((await scoreShown(page)) === before.report.score, `score before ${await scoreShown(page)}`);
        await press(page.locator('#console [data-id="fix-all"] button'), 'Enter');
        const rows = page.locator('li[data-change-key]');
        await rows.first().waitFor();
        const shown = await rows.count();
        assert(
          shown === before.plan.changes.length,
          `${shown} changes shown, plan has ${before.plan.changes.length}`
        );
        const ticked = () => page.locator('li[data-change-key] input[type="checkbox"]:checked').count();
        assert(
          (await ticked()) === ticking.length,
          `${await ticked()} ticked, default selection ${ticking.length}`
        );
        await press(page.locator(`input[type="checkbox"][data-key="${untick}"]`), 'Space');
        assert(
          (await ticked()) === kept.length,
          `${await ticked()} ticked after unticking, expected ${kept.length}`
        );
        const cascade = (await page.locator('[data-id="cascade"]').textContent()).trim();
        assert(cascade.length > 0, 'unticking a change others need says nothing');
        const confirm = page.locator('[data-id="confirm"] button');
        assert(
          (await confirm.textContent()).includes(String(kept.length)),
          `confirm says ${await confirm.textContent()}`
        );
        await page.screenshot({ path: path.join(SHOTS, 'fix-modal-review.png') });
        await press(confirm, 'Enter');
        const done = page.locator('[data-id="done"]');
        await done.waitFor();
        assert(
          (await done.textContent()).includes(String(afterScore)),
          `result says ${await done.textContent()}`
        );
        await page.screenshot({ path: path.join(SHOTS, 'fix-modal-done.png') });
      }
    );

    await check('axe: the fix preview result has no WCAG A/AA violations', async () => {
      const violations = await axe(page, page.locator('section[role="dialog"]').first());
      assert(!violations.length, violations.join('\n'));
    });

    await check(
      'keyboard: after Apply focus is on the result heading, and Tab stays in the modal',
      async () => {
        const where = await focusedPath(page);
        assert(where.includes('[result-heading]'), `focus after Apply: ${where}`);
        for (let i = 0; i < 6; i += 1) {
          await page.keyboard.press('Tab');
          assert(await focusInModal(page), `Tab left the modal: ${await focusedPath(page)}`);
        }
      }
    );

    await check(
      'keyboard: the result leads to the fix log; Undo, confirmed, restores the score',
      async () => {
        await press(page.locator('[data-id="open-log"] button'), 'Enter');
        await page.locator('[data-id="done"]').waitFor({ state: 'detached' });
        await page.locator('#console [data-panel="log"]').waitFor();
        await waitForScore(page, afterScore);
        assert((await scoreShown(page)) === afterScore, `score after apply ${await scoreShown(page)}`);
        const entry = page.locator('#console li[data-log-id]').first();
        await entry.waitFor();
        const opened = await focusedPath(page);
        // The modal hands focus back to Fix all, which opened it (still enabled: changes were left
        // out), or to the newest log entry: never to the page body.
        assert(
          opened.includes('c-readiness-fix-log') || opened.includes('[fix-all]'),
          `focus after Open the fix log: ${opened}`
        );
        await press(entry.locator('[data-id="toggle-changes"]'), 'Enter');
        const changes = entry.locator('[data-id="changes"] li');
        await changes.first().waitFor();
        assert(
          (await changes.count()) === kept.length,
          `${await changes.count()} changes logged, ${kept.length} applied`
        );
        const violations = await axe(page, page.locator('#console c-readiness-fix-log'));
        assert(!violations.length, `axe on the fix log:\n${violations.join('\n')}`);
        await page.locator('#console').screenshot({ path: path.join(SHOTS, 'fix-log.png') });
        const checkedBefore = await page
          .locator(`${header} [data-id="checked"]`)
          .getAttribute('data-captured-at');
        // Undo asks first: the preview of what it takes back, applied only on confirmation.
        await press(entry.locator('[data-id="undo"] button'), 'Enter');
        const confirm = page.locator('[data-id="confirm"] button');
        await confirm.waitFor();
        assert((await scoreShown(page)) === afterScore, 'Undo changed the score before it was confirmed');
        // Taking back sign-in grants (API Only User, Password Never Expires) is held by default:
        // Tick all takes back everything the fix wrote.
        await press(page.locator('[data-id="tick-all"]'), 'Enter');
        assert(
          (await confirm.textContent()).includes(String(kept.length)),
          `the undo confirms ${await confirm.textContent()}, the fix wrote ${kept.length}`
        );
        await press(confirm, 'Enter');
        await page.locator('[data-id="done"]').waitFor();
        const where = await focusedPath(page);
        assert(where.includes('[result-heading]'), `focus after the undo's Apply: ${where}`);
        await press(page.locator('[data-id="close"] button'), 'Enter');
        await page.locator('[data-id="done"]').waitFor({ state: 'detached' });
        await waitForScore(page, before.report.score);
        assert(
          (await scoreShown(page)) === before.report.score,
          `score after undo ${await scoreShown(page)}`
        );
        const back = await focusedPath(page);
        assert(
          back.includes('c-readiness-fix-log'),
          `focus after Close: ${back}, not the entry that opened it`
        );
        const undone = page.locator('#console li[data-log-id] [data-id="undone-by"]').first();
        await undone.waitFor();
        assert(
          /Undone by .+ on /.test(await undone.textContent()),
          `undone entry: ${await undone.textContent()}`
        );
        const checkedAfter = await page
          .locator(`${header} [data-id="checked"]`)
          .getAttribute('data-captured-at');
        assert(checkedAfter > checkedBefore, `Checked did not move: ${checkedBefore} -> ${checkedAfter}`);
      }
    );

    await check(
      'keyboard: Escape closes the fix preview and focus returns to the Fix that opened it',
      async () => {
        await open(page, url, 'normal-user-fixable');
        const row = page.locator('#console [data-id="problems"] article[data-check-id]').filter({
          has: page.locator('[data-id="fix"]')
        });
        const id = await row.first().getAttribute('data-check-id');
        const fix = row.first().locator('[data-id="fix"] button');
        await press(fix, 'Enter');
        await page.locator('li[data-change-key]').first().waitFor();
        assert(await focusInModal(page), `focus is not in the modal: ${await focusedPath(page)}`);
        await page.keyboard.press('Escape');
        await page.locator('li[data-change-key]').first().waitFor({ state: 'detached' });
        await page.waitForTimeout(100);
        const where = await focusedPath(page);
        const focusedRow = await page.evaluate(() => {
          let active = document.activeElement;
          let rowId = null;
          while (active) {
            if (active.dataset?.rowId) rowId = active.dataset.rowId;
            active = active.shadowRoot?.activeElement ?? null;
          }
          return rowId;
        });
        assert(
          where.includes('[fix]') && focusedRow === id,
          `focus after Escape: ${where} (row ${focusedRow})`
        );
      }
    );

    // Every demo scenario: Fix all with its default boxes, Apply, then Undo with every box ticked,
    // gives back the same score and the same status of every check (issue 17).
    for (const name of SCENARIOS) {
      const start = assess(fixture(name));
      if (!start.report.fixAll.changes.length) continue;
      await check(`${name}: Fix all, Apply, then Undo gives back score ${start.report.score}`, async () => {
        await open(page, url, name);
        // The checks as the Checks tab lists them (its problems): the same list, the same statuses.
        const statuses = async () => {
          await openTab(page, 'checks');
          return page
            .locator('#console [data-panel="checks"] article[data-check-id]')
            .evaluateAll((rows) => rows.map((r) => `${r.dataset.checkId}:${r.dataset.status ?? ''}`).sort());
        };
        const checksBefore = await statuses();
        assert(checksBefore.length > 0, 'the Checks tab lists no check');
        await press(page.locator('#console [data-id="fix-all"] button'), 'Enter');
        await press(page.locator('[data-id="confirm"] button'), 'Enter');
        await page.locator('[data-id="done"]').waitFor();
        await press(page.locator('[data-id="open-log"] button'), 'Enter');
        await page.locator('[data-id="done"]').waitFor({ state: 'detached' });
        const entry = page.locator('#console li[data-log-id]').first();
        await entry.waitFor();
        await press(entry.locator('[data-id="undo"] button'), 'Enter');
        await page.locator('[data-id="confirm"] button').waitFor();
        await press(page.locator('[data-id="tick-all"]'), 'Enter');
        await press(page.locator('[data-id="confirm"] button'), 'Enter');
        await page.locator('[data-id="done"]').waitFor();
        await press(page.locator('[data-id="close"] button'), 'Enter');
        await page.locator('[data-id="done"]').waitFor({ state: 'detached' });
        await waitForScore(page, start.report.score);
        assert(
          (await scoreShown(page)) === start.report.score,
          `score after undo ${await scoreShown(page)}, before ${start.report.score}`
        );
        const checksAfter = await statuses();
        assert(
          JSON.stringify(checksAfter) === JSON.stringify(checksBefore),
          `checks differ after undo: ${checksAfter.filter((c, i) => c !== checksBefore[i]).join(', ')}`
        );
      });
    }

    await check('the score is a range on an incomplete scenario, on the console and the card', async () => {
      const { report } = assess(fixture('limited-admin-rights'));
      const range = `${report.scoreRange.min}-${report.scoreRange.max}`;
      assert(report.scoreRange.max > report.scoreRange.min, 'limited-admin-rights reads every check');
      await open(page, url, 'limited-admin-rights');
      const ring = (await page.locator(`${header} [data-id="score-text"]`).textContent()).trim();
      assert(ring === range, `console ring ${ring}, expected ${range}`);
      assert(
        (await page.locator(`${header} [data-id="score-range"]`).textContent()).includes(range),
        'no range beside the status'
      );
      const reason = (await page.locator(`${header} [data-id="status-reason"]`).textContent()).trim();
      assert(report.statusReason.endsWith(reason) && reason.length > 0, `status reason ${reason}`);
      const card = page.locator('#card');
      await card.locator('[data-id="status"]').waitFor();
      const cardRing = (await card.locator('[data-id="score-text"]').textContent()).trim();
      assert(cardRing === range, `card ring ${cardRing}, expected ${range}`);
      assert((await card.locator('[data-id="score-range"]').count()) === 1, 'no range on the card');
    });

    await check(
      'expired-assignment: the expired assignment is one root cause, above the checks it explains',
      async () => {
        const { report } = assess(fixture('expired-assignment'));
        const [cause] = report.rootCauses;
        await open(page, url, 'expired-assignment');
        const box = page.locator('#console [data-id="root-causes"] article[data-cause-id]');
        assert((await box.count()) === report.rootCauses.length, `${await box.count()} root causes shown`);
        assert(
          (await box.first().getAttribute('data-kind')) === 'expired-assignment',
          'not the expired assignment'
        );
        assert(
          (await box.first().textContent()).includes(cause.action),
          'the cause does not give its action'
        );
        assert(
          (await box.first().locator('[data-id="cause-count"]').textContent()).includes(
            String(cause.checkIds.length)
          ),
          'the cause does not say how many problems it explains'
        );
        const causeBox = await box.first().boundingBox();
        const rowBox = await page
          .locator('#console [data-id="problems"] article[data-check-id]')
          .first()
          .boundingBox();
        assert(causeBox.y < rowBox.y, 'the root cause is not above the checks');
        const said = await page.locator('#console [data-id="problems"] [data-id="caused-by"]').count();
        assert(
          said === cause.checkIds.length,
          `${said} rows say they are explained, ${cause.checkIds.length} are`
        );
      }
    );

    await check('the user picker fits 320 and 390 px, with no user saved and on Change user', async () => {
      const problems = [];
      for (const width of [320, 390]) {
        await page.setViewportSize({ width, height: 844 });
        await page.goto(`${url}?scenario=limited-admin-rights&chosen=0`);
        const use = page.locator('#console [data-id="suggestions"] [data-action="use"] button').first();
        await use.waitFor({ timeout: 20000 });
        const wide = await sideways(page);
        if (wide) problems.push(`no user saved at ${width} px: ${wide}`);
        const box = await use.boundingBox();
        if (box.x + box.width > width) problems.push(`Use runs off the screen at ${width} px`);
        await open(page, url, 'mfa-api-via-profile');
        await page.locator(`${header} [data-id="change-user"] button`).click();
        await page.locator('#console [data-id="suggestions"] li[data-user-id]').first().waitFor();
        const wide2 = await sideways(page);
        if (wide2) problems.push(`Change user at ${width} px: ${wide2}`);
      }
      await page.setViewportSize(FIRST_SCREEN);
      assert(!problems.length, problems.join('\n'));
    });

    await check(
      'without the fix right: saving is greyed out with the reason; the banner names only fix rights',
      async () => {
        await page.goto(`${url}?scenario=new-user-fixable&canFix=0`);
        await page.locator(`${header} [data-status]`).waitFor({ timeout: 20000 });
        const banner = (await page.locator('#console [data-id="fix-disabled"]').textContent()).trim();
        assert(!banner.includes('Manage Users'), `the fixes banner names Manage Users: ${banner}`);
        assert(
          banner.includes('Act_On_Readiness_Fix'),
          `the fixes banner does not name the custom permission: ${banner}`
        );
        await openTab(page, 'mapping');
        const save = page.locator('#console [data-panel="mapping"] [data-id="save"] button');
        assert(await save.isDisabled(), 'mapping Save is enabled');
        const why = (
          await page.locator('#console [data-panel="mapping"] [data-id="save-why"]').textContent()
        ).trim();
        assert(why.includes('Act_On_Readiness_Fix'), `mapping Save does not say why: ${why}`);
        await openTab(page, 'checks');
        await page.locator(`${header} [data-id="change-user"] button`).click();
        const use = page.locator('#console [data-id="suggestions"] [data-action="use"] button').first();
        await use.waitFor();
        assert(await use.isDisabled(), 'Use as the integration user is enabled');
        assert(
          (await page.locator('#console c-readiness-user-picker [data-id="save-why"]').count()) === 1,
          'the picker does not say why Use is greyed out'
        );
      }
    );

    await check(
      'the bundle is served minified and gzipped, with an ETag and 304 when unchanged',
      async () => {
        const first = await fetch(`${url}app.js`, { headers: { 'accept-encoding': 'gzip' } });
        const body = await first.text();
        assert(first.status === 200, `status ${first.status}`);
        assert(first.headers.get('content-encoding') === 'gzip', 'not gzipped');
        assert(
          /no-cache/.test(first.headers.get('cache-control') ?? ''),
          `cache-control ${first.headers.get('cache-control')}`
        );
        const etag = first.headers.get('etag');
        assert(etag, 'no ETag');
        const lines = body.split('\n').length;
        assert(body.length / lines > 1000, `not minified: ${lines} lines in ${body.length} characters`);
        const again = await fetch(`${url}app.js`, { headers: { 'if-none-match': etag } });
        assert(again.status === 304, `a reload downloads it again (status ${again.status})`);
      }
    );

    await check('axe: the fix preview in review has no WCAG A/AA violations', async () => {
      await open(page, url, 'mfa-api-via-permission-set');
      await page.locator('#console [data-id="fix-all"] button').click();
      await page.locator('li[data-change-key]').first().waitFor();
      const violations = await axe(page, page.locator('section[role="dialog"]').first());
      await page.locator('[data-id="cancel"] button').click();
      await page.locator('li[data-change-key]').first().waitFor({ state: 'detached' });
      assert(!violations.length, violations.join('\n'));
    });

    await check(
      'field mapping: pick a Lead Score field, save, and the mapping says so; axe clean',
      async () => {
        await open(page, url, 'unmapped-lead-score');
        await openTab(page, 'mapping');
        const select = page.locator('#console [data-panel="mapping"] select').first();
        await select.waitFor();
        const violations = await axe(page, page.locator('#console c-readiness-field-mapping'));
        assert(!violations.length, `axe on the mapping:\n${violations.join('\n')}`);
        const values = await select
          .locator('option')
          .evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
        assert(values.length > 0, 'no field offered for the mapping');
        await select.selectOption(values[0]);
        await page.locator('#console [data-panel="mapping"] [data-id="save"] button').click();
        const row = page.locator('#console [data-panel="mapping"] [data-mapping-key]').first();
        await page.waitForFunction(
          ([el, value]) => el.textContent.includes(value),
          [await row.locator('[data-id="saved"]').elementHandle(), values[0]]
        );
        assert(
          (await page.locator('#console [data-panel="mapping"] [data-id="error"]').count()) === 0,
          'save failed'
        );
      }
    );

    await check('user picker: Cancel returns; Look shows a user without saving; Use saves them', async () => {
      await open(page, url, 'mfa-api-via-profile');
      const userLine = async () => (await page.locator(`${header} [data-id="user"]`).textContent()).trim();
      const saved = await userLine();
      await page.locator(`${header} [data-id="change-user"] button`).click();
      await page.locator('#console c-readiness-user-picker [data-id="cancel"] button').click();
      await page.locator(`${header} [data-status]`).waitFor();
      assert((await userLine()) === saved, 'Cancel changed the user');
      await page.locator(`${header} [data-id="change-user"] button`).click();
      const other = page
        .locator('#console [data-id="suggestions"] li[data-user-id]')
        .filter({ hasNot: page.locator('.slds-badge') });
      const look = other.first().locator('[data-action="look"] button');
      await look.waitFor();
      await look.click();
      await page.locator('#console [data-id="viewing-other"]').waitFor();
      assert((await userLine()) !== saved, 'Look did not show the other user');
      await page.locator('#console [data-id="use-shown-user"] button').click();
      await page.locator('#console [data-id="viewing-other"]').waitFor({ state: 'detached' });
    });

    await check('hero screenshot: a failing blocker and its fix, console and card', async () => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await open(page, url, 'mfa-api-via-permission-set');
      const first = page.locator('#console [data-id="problems"] article[data-check-id]').first();
      assert((await first.getAttribute('data-status')) === 'fail', 'the first row does not fail');
      assert((await first.locator('[data-id="fix"]').count()) === 1, 'the first row offers no Fix');
      await first.locator('[data-id="toggle"]').click();
      await first.locator('[data-id="how-to-fix"]').waitFor();
      const shot = path.join(SHOTS, 'hero.png');
      await page.screenshot({ path: shot });
      if (UPDATE_DOCS) fs.copyFileSync(shot, HERO);
    });

    await check('no script errors on the page', async () => {
      assert(errors.length === 0, errors.join('\n'));
    });
  } finally {
    await context.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(
    `screenshots: ${path.relative(ROOT, SHOTS)}/${UPDATE_DOCS ? `; ${path.relative(ROOT, HERO)} updated` : ''}\n`
  );
  process.stdout.write(`browser: ${passed} passed, ${failed} failed\n`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  process.stderr.write(`browser: ${error.stack ?? error}\n`);
  process.stdout.write(`browser: ${passed} passed, ${failed + 1} failed\n`);
  process.exit(1);
});
