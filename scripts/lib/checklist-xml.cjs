'use strict';
/**
 * Reads the checklist shipped in the package: the Readiness_Check__mdt records under
 * force-app/main/default/customMetadata, parsed into the same record shape Apex's getAll() returns.
 */
const fs = require('node:fs');
const path = require('node:path');
const { XMLParser } = require('fast-xml-parser');
const { ROOT } = require('./load-ts.cjs');

const DIR = path.join(ROOT, 'force-app/main/default/customMetadata');
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true
});

function valueOf(node) {
  if (node === undefined || node === null) return null;
  if (typeof node !== 'object') return node;
  if (node['@xsi:nil'] === 'true') return null;
  const text = node['#text'] ?? '';
  const type = node['@xsi:type'];
  if (type === 'xsd:boolean') return text === 'true';
  if (type === 'xsd:double' || type === 'xsd:int') return Number(text);
  return text;
}

function parseRecord(file) {
  const doc = parser.parse(fs.readFileSync(file, 'utf8')).CustomMetadata;
  if (!doc) throw new Error(`${path.basename(file)} is not a CustomMetadata record`);
  const record = { DeveloperName: path.basename(file).split('.')[1], MasterLabel: doc.label };
  for (const v of [].concat(doc.values ?? [])) record[v.field] = valueOf(v.value);
  return record;
}

/** Every shipped Readiness_Check__mdt record, sorted by file name. */
function readChecklistRecords(dir = DIR) {
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('Readiness_Check.') && f.endsWith('.md-meta.xml'))
    .sort()
    .map((f) => parseRecord(path.join(dir, f)));
}

module.exports = { readChecklistRecords, parseRecord, CHECKLIST_DIR: DIR };
