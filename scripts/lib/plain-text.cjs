'use strict';
/**
 * Text from files and from the org reaches a terminal or a Markdown file only through here: control
 * characters (line breaks, escape sequences, bidirectional overrides) are replaced by a space, so a
 * value such as a username can never start a line of its own ("Score 100/100 Ready") or repaint the
 * screen. --json output keeps values as they are (JSON escapes them).
 */

// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional formatting characters.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** One line of plain text: every control character becomes a space. */
function plainText(value) {
  return String(value).replace(CONTROL, ' ');
}

/** A deep copy with every string made plain (keys too), for rendering a report or candidates. */
function plainDeep(value) {
  if (typeof value === 'string') return plainText(value);
  if (Array.isArray(value)) return value.map(plainDeep);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[plainText(k)] = plainDeep(v);
    return out;
  }
  return value;
}

module.exports = { plainText, plainDeep };
