import { h } from './dom';
import { executionPage } from './executionPage';
import { executionsPage } from './executionsPage';
import { flightDataPage } from './flightDataPage';

const main = h('main');
const links = {
  executions: h('a', { href: '#/' }, 'Executions'),
  flightData: h('a', { href: '#/flight-data' }, 'Flight data'),
};
document.body.append(
  h('header', {}, h('strong', {}, 'msk-flows console'), h('nav', {}, links.executions, links.flightData)),
  main,
);

let leave: () => void = () => {};

/** Routes `#/`, `#/executions/<id>` and `#/flight-data` to their pages, stopping the previous page's updates. */
async function route(): Promise<void> {
  leave();
  leave = () => {};
  const hash = location.hash.replace(/^#/, '') || '/';
  const execution = /^\/executions\/([^/]+)$/.exec(hash);
  links.executions.classList.toggle('current', !hash.startsWith('/flight-data'));
  links.flightData.classList.toggle('current', hash.startsWith('/flight-data'));
  if (execution?.[1]) leave = await executionPage(main, decodeURIComponent(execution[1]));
  else if (hash.startsWith('/flight-data')) await flightDataPage(main);
  else leave = executionsPage(main);
}

window.addEventListener('hashchange', () => void route());
void route();
