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

const initial = SCENARIOS.some((s) => s.name === params.get('scenario'))
  ? params.get('scenario')
  : 'mfa-api-via-profile';
select.value = initial;
select.addEventListener('change', () => {
  const url = new URL(window.location.href);
  url.searchParams.set('scenario', select.value);
  window.history.replaceState(null, '', url);
  mount(select.value);
});
mount(initial);
