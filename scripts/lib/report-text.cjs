'use strict';
/**
 * The command line's words: the readable report, its Markdown form (for CI artifacts and tickets),
 * the comparison with a previous report, and the list of candidate users.
 */

function painter(enabled) {
  const wrap = (code) => (s) => (enabled ? `\u001b[${code}m${s}\u001b[0m` : s);
  return {
    bold: wrap('1'),
    dim: wrap('2'),
    red: wrap('31'),
    green: wrap('32'),
    yellow: wrap('33'),
    cyan: wrap('36')
  };
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What one "Fix all" click would apply, and what it leaves out. */
function fixAllLine(fixAll) {
  if (fixAll.refused) return `Fix all: none (${fixAll.refused})`;
  const n = fixAll.changes.length;
  let line = n
    ? `Fix all: ${plural(n, 'change')} for ${plural(fixAll.checkIds.length, 'check')}`
    : 'Fix all: nothing to apply';
  if (fixAll.held.length) {
    const why = [fixAll.sharedProduct, fixAll.identityHeld].filter(Boolean).join('; ');
    const kind = fixAll.sharedProduct ? 'change' : 'sign-in change';
    line += `; ${plural(fixAll.held.length, kind)} left for you to tick one by one (${why})`;
  }
  return `${line}.`;
}

/** The comparison with a previous report, as lines (no colour). */
function comparisonLines(c, engine) {
  const STATUS_NAMES = engine.STATUS_NAMES;
  const lines = [];
  const since = c.previousCapturedAt ? ` (previous report ${c.previousCapturedAt})` : '';
  const delta = c.score.delta === 0 ? '±0' : c.score.delta > 0 ? `+${c.score.delta}` : String(c.score.delta);
  lines.push(
    `Since the previous report${since}: score ${c.score.before} → ${c.score.after} (${delta}), status ${STATUS_NAMES[c.status.before]} → ${STATUS_NAMES[c.status.after]}`
  );
  if (c.otherUser) lines.push('  Note: the previous report is of another user.');
  const item = (x) => `${x.id} (${x.title}) [${x.severity}]: ${x.before ?? 'new'} → ${x.after ?? 'gone'}`;
  if (c.startedFailing.length) lines.push(`  Started failing: ${c.startedFailing.map(item).join('; ')}`);
  if (c.fixed.length) lines.push(`  Fixed: ${c.fixed.map(item).join('; ')}`);
  if (c.otherChanges.length) lines.push(`  Other changes: ${c.otherChanges.map(item).join('; ')}`);
  if (!c.startedFailing.length && !c.fixed.length && !c.otherChanges.length)
    lines.push('  No check changed.');
  lines.push(c.regression ? `  Regression: ${c.regressionReasons.join('; ')}` : '  No regression.');
  return lines;
}

function readable(report, engine, colour, comparison = null) {
  const STATUS_NAMES = engine.STATUS_NAMES;
  const p = painter(colour);
  const statusColour = { ready: p.green, 'at-risk': p.yellow, blocked: p.red };
  const checkColour = { pass: p.green, warn: p.yellow, fail: p.red, unknown: p.cyan, 'n/a': p.dim };
  const lines = [];
  const who = report.user.Name ? `${report.user.Username} (${report.user.Name})` : report.user.Username;
  lines.push(p.bold(`Act-On Readiness: ${who}`));
  const incomplete = !report.completeness.complete;
  const colourOf = incomplete && report.status === 'ready' ? p.yellow : statusColour[report.status];
  lines.push(
    `Score ${p.bold(String(report.score))}/100   Status ${colourOf(STATUS_NAMES[report.status])}${incomplete ? p.yellow(' (incomplete)') : ''}`
  );
  lines.push(report.statusText);
  const s = report.summary;
  lines.push(
    p.dim(
      `Checked ${report.capturedAt}: ${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.unknown} unknown, ${s['n/a']} n/a`
    )
  );
  if (incomplete) lines.push(p.yellow(`Incomplete: ${report.completeness.text}`));
  lines.push(fixAllLine(report.fixAll));
  if (comparison) lines.push('', ...comparisonLines(comparison, engine));
  const width = Math.max(...report.checks.map((c) => c.id.length));
  for (const section of engine.SECTIONS) {
    const checks = report.checks.filter((c) => c.section === section);
    if (!checks.length) continue;
    lines.push('', p.bold(engine.SECTION_LABELS[section]));
    for (const c of checks) {
      const tag = checkColour[c.status](c.status.toUpperCase().padEnd(7));
      lines.push(`  ${tag} ${c.id.padEnd(width)}  ${c.title} ${p.dim(`[${c.severity}]`)}`);
      if (c.status !== 'pass') {
        lines.push(`          ${c.evidence}`);
        if (c.fix)
          lines.push(
            `          ${p.cyan(c.fix.fixable ? 'fix:' : 'to do:')} ${c.fix.refused ?? c.fix.summary}`
          );
      }
    }
  }
  lines.push('', p.bold('Manual steps (not scored)'));
  for (const m of report.manualChecks) lines.push(`  - ${m.summary}: ${m.steps.join(' ')}`);
  return `${lines.join('\n')}\n`;
}

const cell = (text) =>
  String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\s+/g, ' ')
    .trim();

/** The report as Markdown: the verdict, what changed, the problems worst first, then every check. */
function markdown(report, engine, comparison = null) {
  const STATUS_NAMES = engine.STATUS_NAMES;
  const lines = [];
  const who = report.user.Name ? `${report.user.Name} (${report.user.Username})` : report.user.Username;
  const incomplete = !report.completeness.complete;
  lines.push(`# Act-On Readiness: ${cell(who)}`, '');
  lines.push(
    `**Score ${report.score}/100 · ${STATUS_NAMES[report.status]}${incomplete ? ' (incomplete)' : ''}** · checked ${report.capturedAt}`,
    ''
  );
  lines.push(report.statusText, '');
  if (incomplete) lines.push(`> Incomplete: ${report.completeness.text}`, '');
  lines.push(fixAllLine(report.fixAll), '');
  if (comparison)
    lines.push(
      '## Since the previous report',
      '',
      ...comparisonLines(comparison, engine).map((l) => `- ${l.trim()}`),
      ''
    );
  const { problems } = engine.problemsFirst(report);
  lines.push(`## Problems (${problems.length})`, '');
  if (problems.length) {
    lines.push('| status | severity | check | evidence | what to do |', '| --- | --- | --- | --- | --- |');
    for (const c of problems)
      lines.push(
        `| ${c.status} | ${c.severity} | ${cell(c.title)} (\`${c.id}\`) | ${cell(c.evidence)} | ${cell(c.fix ? (c.fix.refused ?? c.fix.summary) : '')} |`
      );
  } else lines.push('None.');
  lines.push(
    '',
    '## Every check',
    '',
    '| section | check | severity | status |',
    '| --- | --- | --- | --- |'
  );
  for (const c of report.checks)
    lines.push(
      `| ${engine.SECTION_LABELS[c.section]} | ${cell(c.title)} (\`${c.id}\`) | ${c.severity} | ${c.status} |`
    );
  return `${lines.join('\n')}\n`;
}

/** The ranked candidates, for a person choosing --user. */
function candidateList(candidates, skipped, target) {
  const lines = [];
  if (!candidates.length) lines.push(`No likely integration user found in ${target}.`);
  else {
    lines.push(`Likely integration users in ${target}, best first (score one with --user USERNAME):`);
    candidates.forEach((c, i) => {
      const flags = [c.profileName, c.license ? `${c.license} license` : null, c.isActive ? null : 'inactive']
        .filter(Boolean)
        .join(', ');
      lines.push(
        `${String(i + 1).padStart(3)}. ${c.username}${c.name ? ` (${c.name})` : ''}: ${flags}; score ${c.score}`
      );
      lines.push(`       ${c.reasons.join('; ')}`);
    });
  }
  for (const s of skipped) lines.push(`Not read: ${s}`);
  return `${lines.join('\n')}\n`;
}

module.exports = { readable, markdown, comparisonLines, candidateList, fixAllLine };
