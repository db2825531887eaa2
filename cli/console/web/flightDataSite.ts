import { h } from './dom';
import { flightDataPage } from './flightDataPage';

// The flightData page on its own, as shipped beside the API: configured by the config.json next to it.
const main = h('main');
document.body.append(main);
void flightDataPage(main);
