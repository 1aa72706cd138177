// A projection registry module, as a service would have one: the rebuild CLI imports it.
import { workOrderBoard } from './work-order-board.js';

export const projections = [workOrderBoard()];
