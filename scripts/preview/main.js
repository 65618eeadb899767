/* global document, window, URLSearchParams */
/**
 * The preview page: the console and the home card on a fixture scenario, with a scenario switcher.
 * ?scenario=<fixture>&chosen=0 (no user saved yet) &canFix=0 (running user without fix rights).
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import ReadinessConsole from 'c/readinessConsole';
import ReadinessCard from 'c/readinessCard';
import { SCENARIOS, setScenario } from './stubs/state.js';

const params = new URLSearchParams(window.location.search);
const select = document.getElementById('scenario');
const consoleSlot = document.getElementById('console');
const cardSlot = document.getElementById('card');

for (const s of SCENARIOS) {
  const option = document.createElement('option');
  option.value = s.name;
  option.textContent = s.title;
  select.appendChild(option);
}

function mount(name) {
  setScenario(name, { chosen: params.get('chosen') !== '0', canFix: params.get('canFix') !== '0' });
  consoleSlot.replaceChildren(createElement('c-readiness-console', { is: ReadinessConsole }));
  cardSlot.replaceChildren(createElement('c-readiness-card', { is: ReadinessCard }));
  document.body.dataset.scenario = name;
}

const DEFAULT_SCENARIO = 'mfa-api-via-profile';
const asked = params.get('scenario');
const known = SCENARIOS.some((s) => s.name === asked);
const initial = known ? asked : DEFAULT_SCENARIO;
if (asked !== null && !known) {
  // Say so rather than quietly showing another scenario.
  const notice = document.getElementById('scenario-notice');
  const fallback = SCENARIOS.find((s) => s.name === DEFAULT_SCENARIO);
  notice.textContent = `There is no demo scenario named "${asked}": showing "${fallback.title}" instead. Pick one from the Scenario list.`;
  notice.hidden = false;
  document.body.dataset.unknownScenario = asked;
}
select.value = initial;
select.addEventListener('change', () => {
  document.getElementById('scenario-notice').hidden = true;
  const url = new URL(window.location.href);
  url.searchParams.set('scenario', select.value);
  window.history.replaceState(null, '', url);
  mount(select.value);
});
mount(initial);
