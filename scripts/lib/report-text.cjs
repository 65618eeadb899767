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

/** What the console's default fix would apply, in words for someone at a command line. */
function fixAllLine(fixAll) {
  const where = 'Fixes (applied in the Act-On Readiness console)';
  if (fixAll.refused) return `${where}: none for this user (${fixAll.refused})`;
  const n = fixAll.changes.length;
  let line = n
    ? `${where}: by default ${plural(n, 'change')} for ${plural(fixAll.checkIds.length, 'check')}`
    : `${where}: nothing to apply by default`;
  if (fixAll.held.length) {
    const why = [fixAll.sharedProduct, fixAll.identityHeld].filter(Boolean).join('; ');
    line += `; ${plural(fixAll.held.length, 'more change')} only if an admin chooses ${fixAll.held.length === 1 ? 'it' : 'each'} there (${why})`;
  }
  return `${line}.`;
}

/** "37/100", or "49-100/100" while checks are unread (0.3: a number means one thing). */
function scoreText(report) {
  const { min, max } = report.scoreRange ?? { min: report.score, max: report.score };
  return min === max ? `${min}/100` : `${min}-${max}/100`;
}

/** "text." whatever the text ended with. */
const sentence = (text) => `${String(text).replace(/[.\s]+$/, '')}.`;

/** The next step a command-line user can take for a problem without a root cause. */
function nextStep(check) {
  const fix = check.fix;
  if (check.status === 'unknown' && check.needs)
    return `grant the running user ${check.needs}, then run again`;
  if (fix?.refused) return fix.refused;
  if (fix?.manual?.kind === 'map-field')
    return "map the field on the Act-On Readiness console's Field mapping tab";
  if (fix?.fixable) return `apply the fix in the Act-On Readiness console: ${fix.summary}`;
  if (fix?.manual) return `${fix.manual.summary}: ${fix.manual.steps.join(' ')}`;
  if (fix) return fix.summary;
  return check.status === 'unknown' ? 'run again once the read works' : 'see the evidence';
}

/** The comparison with a previous report, as lines (no colour). */
function comparisonLines(c, engine) {
  const STATUS_NAMES = engine.STATUS_NAMES;
  const lines = [];
  const since = c.previousCapturedAt ? ` (previous report ${c.previousCapturedAt})` : '';
  const d = c.score.delta;
  const score =
    d === null
      ? `score ${c.score.before} → ${c.score.after} (not comparable: the previous report is of an older version)`
      : `score ${c.score.before} → ${c.score.after} (${d === 0 ? '±0' : d > 0 ? `+${d}` : String(d)})`;
  lines.push(
    `Since the previous report${since}: ${score}, status ${STATUS_NAMES[c.status.before]} → ${STATUS_NAMES[c.status.after]}`
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

/**
 * The readable report: the verdict with its reason, the score, the root causes and the problems
 * worst first (each with its next step) come first, so the answer is in the first lines; then the
 * fixes, the comparison, every check by section and the manual steps.
 */
function readable(report, engine, colour, comparison = null) {
  const p = painter(colour);
  const statusColour = { ready: p.green, 'at-risk': p.yellow, blocked: p.red };
  const checkColour = { pass: p.green, warn: p.yellow, fail: p.red, unknown: p.cyan, 'n/a': p.dim };
  const lines = [];
  const who = report.user.Name ? `${report.user.Username} (${report.user.Name})` : report.user.Username;
  lines.push(p.bold(`Act-On Readiness: ${who}`));
  const incomplete = !report.completeness.complete;
  const colourOf = incomplete && report.status === 'ready' ? p.yellow : statusColour[report.status];
  lines.push(colourOf(p.bold(report.statusReason)));
  const s = report.summary;
  const unread = s.unknown ? ` (${plural(s.unknown, 'check')} could not be read)` : '';
  lines.push(
    `Score ${p.bold(scoreText(report))}${unread} · checked ${engine.dayText(report.capturedAt)} ${report.capturedAt.slice(11, 16)} UTC · ${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.unknown} unknown, ${s['n/a']} n/a`
  );
  const causeNumber = new Map(report.rootCauses.map((c, i) => [c.id, i + 1]));
  report.rootCauses.forEach((c, i) => {
    lines.push(
      `${p.bold(`Root cause ${i + 1}`)} (${plural(c.checkIds.length, 'problem')}): ${c.label}. Next: ${c.action}`
    );
  });
  const { problems } = engine.problemsFirst(report);
  if (problems.length) {
    lines.push(p.bold(`Problems, worst first (${problems.length}):`));
    const width = Math.max(...problems.map((c) => c.severity.length));
    for (const c of problems) {
      const tag = checkColour[c.status](c.status.toUpperCase().padEnd(7));
      const head = `  ${tag} ${c.severity.padEnd(width)}  ${c.title} [${c.id}]`;
      const cause = causeNumber.get(c.causedBy);
      lines.push(
        cause
          ? `${head}: see root cause ${cause}.`
          : `${head}: ${c.evidence} ${p.cyan('Next:')} ${sentence(nextStep(c))}`
      );
    }
  } else lines.push('No problems.');
  lines.push('', fixAllLine(report.fixAll));
  if (incomplete) lines.push(p.yellow(`Incomplete: ${report.completeness.text}`));
  if (comparison) lines.push('', ...comparisonLines(comparison, engine));
  const width = Math.max(...report.checks.map((c) => c.id.length));
  lines.push('', p.bold('Every check, by section'));
  for (const section of engine.SECTIONS) {
    const checks = report.checks.filter((c) => c.section === section);
    if (!checks.length) continue;
    lines.push('', p.bold(engine.SECTION_LABELS[section]));
    for (const c of checks) {
      const tag = checkColour[c.status](c.status.toUpperCase().padEnd(7));
      lines.push(`  ${tag} ${c.id.padEnd(width)}  ${c.title} ${p.dim(`[${c.severity}]`)}`);
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
  const lines = [];
  const who = report.user.Name ? `${report.user.Name} (${report.user.Username})` : report.user.Username;
  const incomplete = !report.completeness.complete;
  lines.push(`# Act-On Readiness: ${cell(who)}`, '');
  lines.push(
    `**${cell(report.statusReason)}** · score ${scoreText(report)} · checked ${engine.dayText(report.capturedAt)} ${report.capturedAt.slice(11, 16)} UTC`,
    ''
  );
  lines.push(report.statusText, '');
  if (incomplete) lines.push(`> Incomplete: ${report.completeness.text}`, '');
  if (report.rootCauses.length) {
    lines.push(`## Root causes (${report.rootCauses.length})`, '');
    report.rootCauses.forEach((c, i) =>
      lines.push(`${i + 1}. ${cell(c.label)} (${plural(c.checkIds.length, 'problem')}). ${cell(c.action)}`)
    );
    lines.push('');
  }
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
    const causeNumber = new Map(report.rootCauses.map((c, i) => [c.id, i + 1]));
    lines.push('| status | severity | check | evidence | what to do |', '| --- | --- | --- | --- | --- |');
    for (const c of problems) {
      const cause = causeNumber.get(c.causedBy);
      lines.push(
        `| ${c.status} | ${c.severity} | ${cell(c.title)} (\`${c.id}\`) | ${cell(c.evidence)} | ${cell(cause ? `See root cause ${cause}.` : sentence(nextStep(c)))} |`
      );
    }
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
        `${String(i + 1).padStart(3)}. ${c.username}${c.name ? ` (${c.name})` : ''}: ${flags}; ranking weight ${c.score} (how likely Act-On's user, not a readiness score)`
      );
      lines.push(`       ${c.reasons.join('; ')}`);
    });
  }
  for (const s of skipped) lines.push(`Not read: ${s}`);
  return `${lines.join('\n')}\n`;
}

module.exports = { readable, markdown, comparisonLines, candidateList, fixAllLine, scoreText };
