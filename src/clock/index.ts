export { wallClock, VirtualClock, type Clock } from './clock.js';
