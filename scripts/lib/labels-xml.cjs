'use strict';
/**
 * Reads the package's custom labels (force-app/main/default/labels/CustomLabels.labels-meta.xml)
 * into { fullName: value }. Shared by the Jest stand-in of c/readinessLabels and the preview build,
 * so tests and the browser show exactly the texts an org would.
 */
const fs = require('node:fs');
const path = require('node:path');
const { XMLParser } = require('fast-xml-parser');
const { ROOT } = require('./load-ts.cjs');

const LABELS_FILE = path.join(ROOT, 'force-app/main/default/labels/CustomLabels.labels-meta.xml');
const parser = new XMLParser({
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === 'labels'
});

function readLabels(file = LABELS_FILE) {
  const doc = parser.parse(fs.readFileSync(file, 'utf8')).CustomLabels;
  const labels = {};
  for (const label of doc?.labels ?? []) labels[String(label.fullName).trim()] = String(label.value ?? '');
  return labels;
}

module.exports = { readLabels, LABELS_FILE };
