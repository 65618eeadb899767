#!/usr/bin/env node
'use strict';
/**
 * Benchmark: scores a generated large snapshot (60 permission sets, 5,000 field-permission rows,
 * 1,500 fields) many times with the same engine the org runs, and prints the median as its last
 * line: median_ms=<number>. Target: under 20 ms. A figure to watch, not a timed test.
 *
 *   npm run bench [-- --runs 200]
 */
const { loadEngine } = require('./lib/load-ts.cjs');
const { readChecklistRecords } = require('./lib/checklist-xml.cjs');

const OBJECTS = ['Account', 'Campaign', 'Contact', 'Lead', 'Opportunity', 'Task'];
const PERMISSION_SETS = 60;
const FIELD_ROWS = 5000;
const FIELDS = 1500;

/** Deterministic pseudo-random numbers, so every run measures the same snapshot. */
function rng(seed) {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

function id(prefix, n) {
  return `${prefix}8d0000${n.toString(36).toUpperCase().padStart(6, '0')}AAM`;
}

function generate() {
  const random = rng(20261122);
  const fields = [];
  for (let i = 0; i < FIELDS; i++) {
    const object = OBJECTS[i % OBJECTS.length];
    const n = Math.floor(i / OBJECTS.length);
    const standard = [
      'Id',
      'OwnerId',
      'Email',
      'HasOptedOutOfEmail',
      'LeadSource',
      'EmailBouncedReason',
      'Status',
      'AnnualRevenue',
      'Industry',
      'Amount',
      'Description',
      'ActivityDate',
      'WhoId',
      'Type'
    ];
    const name = n < standard.length ? standard[n] : `Field_${n}__c`;
    fields.push({
      object,
      name,
      label: name,
      permissionable: name !== 'Id' && name !== 'OwnerId',
      custom: name.endsWith('__c'),
      securityClassification: random() < 0.02 ? 'Restricted' : null,
      complianceGroup: random() < 0.02 ? 'PII' : null,
      referenceTo: []
    });
  }
  const profileId = id('00e', 1);
  const permissionSets = [];
  const assignments = [];
  for (let i = 0; i < PERMISSION_SETS; i++) {
    const ps = {
      Id: id('0PS', i + 1),
      Name: i === 0 ? 'X00e' : `Set_${i}`,
      Label: i === 0 ? 'Profile' : `Set ${i}`,
      Type: i === 0 ? 'Profile' : i % 10 === 0 ? 'Group' : 'Regular',
      IsOwnedByProfile: i === 0,
      ProfileId: i === 0 ? profileId : null,
      AssigneeCount: Math.floor(random() * 500)
    };
    for (const p of [
      'PermissionsApiEnabled',
      'PermissionsEditTask',
      'PermissionsRunReports',
      'PermissionsExportReport',
      'PermissionsViewAllData',
      'PermissionsTwoFactorApi'
    ]) {
      ps[p] = random() < (p === 'PermissionsTwoFactorApi' ? 0.03 : 0.2);
    }
    permissionSets.push(ps);
    if (i > 0)
      assignments.push({
        Id: id('0Pa', i),
        PermissionSetId: ps.Id,
        PermissionSetGroupId: null,
        ExpirationDate: i % 17 === 0 ? '2026-01-01T00:00:00.000Z' : null
      });
  }
  const objectPermissions = [];
  for (const ps of permissionSets) {
    for (const object of OBJECTS.slice(0, 5)) {
      objectPermissions.push({
        ParentId: ps.Id,
        SobjectType: object,
        PermissionsRead: random() < 0.7,
        PermissionsCreate: random() < 0.3,
        PermissionsEdit: random() < 0.3,
        PermissionsDelete: random() < 0.1,
        PermissionsViewAllRecords: random() < 0.1,
        PermissionsModifyAllRecords: random() < 0.05
      });
    }
  }
  const fieldPermissions = [];
  for (let i = 0; i < FIELD_ROWS; i++) {
    const f = fields[Math.floor(random() * fields.length)];
    const ps = permissionSets[Math.floor(random() * permissionSets.length)];
    fieldPermissions.push({
      ParentId: ps.Id,
      SobjectType: f.object,
      Field: `${f.object}.${f.name}`,
      PermissionsRead: true,
      PermissionsEdit: random() < 0.4
    });
  }
  return {
    schemaVersion: 1,
    capturedAt: '2026-11-22T10:00:00.000Z',
    user: {
      Id: id('005', 1),
      Username: 'bench@acme.example',
      Name: 'Bench',
      IsActive: true,
      ProfileId: profileId,
      Profile: { Name: 'Custom: Marketing', UserLicense: { Name: 'Salesforce' } }
    },
    assignments,
    permissionSets,
    objectPermissions,
    fieldPermissions,
    fields,
    loginHistory: [{ LoginTime: '2026-11-22T03:00:00.000Z', Status: 'Success' }],
    oauthTokens: [],
    fieldMapping: { 'Contact.LeadScore': 'Field_40__c', 'Lead.LeadScore': 'Field_40__c' }
  };
}

function main() {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 200;
  const engine = loadEngine();
  const definitions = engine.definitionsFromRecords(readChecklistRecords());
  const snapshot = engine.validateSnapshot(generate());
  // Every run scores its own copy (made outside the timing), as the product scores each snapshot it
  // reads once: nothing the engine may remember about one snapshot's rows helps the next run.
  for (let i = 0; i < 20; i++) engine.buildFixPlan(engine.evaluate(definitions, structuredClone(snapshot))); // warm-up
  const times = [];
  let report;
  for (let i = 0; i < runs; i++) {
    const copy = structuredClone(snapshot);
    const start = process.hrtime.bigint();
    report = engine.evaluate(definitions, copy);
    engine.buildFixPlan(report);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const pick = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  console.log(
    `snapshot: ${snapshot.permissionSets.length} permission sets, ${snapshot.fieldPermissions.length} field-permission rows, ${snapshot.fields.length} fields, ${snapshot.objectPermissions.length} object-permission rows`
  );
  console.log(`report: ${report.checks.length} checks, score ${report.score} (${report.status})`);
  console.log(
    `runs=${runs} p10_ms=${pick(0.1).toFixed(2)} p90_ms=${pick(0.9).toFixed(2)} max_ms=${times[times.length - 1].toFixed(2)} (target: median under 20 ms)`
  );
  console.log(`median_ms=${pick(0.5).toFixed(2)}`);
}

main();
