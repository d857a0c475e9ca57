// What every program decoder gets and returns: the event payload plus where it came from.
import type { ChainEvent, ChainProgram } from '../types.js';

/** Where an event sits: the transaction and the event's place among its decoded events. */
export interface EventContext {
  programId: string;
  signature: string;
  slot: number;
  ordinal: number;
  blockTimeMs: number | null;
}

/** Decodes one event payload (discriminator included); null when it is too short for the stable prefix. */
export type EventDecoder = (buf: Buffer, ctx: EventContext) => ChainEvent | null;

/** One program's decoders, keyed by discriminator (16 hex chars), and the events it emits that we skip. */
export interface ProgramDecoders {
  program: ChainProgram;
  programId: string;
  decoders: ReadonlyMap<string, EventDecoder>;
  /** Known discriminators of events that carry no swap or listing (not counted as undecoded). */
  ignored: ReadonlySet<string>;
}

/** Common fields of every event. */
export function head(program: ChainProgram, ctx: EventContext, ts: number | null) {
  return { program, programId: ctx.programId, signature: ctx.signature, slot: ctx.slot, ordinal: ctx.ordinal, ts: ts ?? ctx.blockTimeMs };
}
