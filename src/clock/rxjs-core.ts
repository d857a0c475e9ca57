// The few rxjs classes a replay needs, loaded with `require`. rxjs 7 is CommonJS under Node: imported from an ES
// module, each of its files goes through Node's CommonJS translator (an export lexer compiled to WebAssembly on
// first use, a module facade per file), about 4 ms of every start. `require` gives the same module instances
// (one module cache), so these classes are those of `import ... from 'rxjs'` elsewhere, instanceof included.
import { createRequire } from 'node:module';
import type * as ObservableModule from 'rxjs/internal/Observable';
import type * as VirtualTimeModule from 'rxjs/internal/scheduler/VirtualTimeScheduler';
import type * as AsyncModule from 'rxjs/internal/scheduler/async';

const require = createRequire(import.meta.url);

export const { Observable } = require('rxjs/internal/Observable') as typeof ObservableModule;
export type Observable<T> = ObservableModule.Observable<T>;
export const { VirtualTimeScheduler } = require('rxjs/internal/scheduler/VirtualTimeScheduler') as typeof VirtualTimeModule;
export type VirtualTimeScheduler = VirtualTimeModule.VirtualTimeScheduler;
export const { asyncScheduler } = require('rxjs/internal/scheduler/async') as typeof AsyncModule;
