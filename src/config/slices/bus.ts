import type { SchemaSlice } from '../spec.js';
import { busNameProblem, busUrlProblem } from '../../bus/url.js';

// Scale-out: the bus that carries inputs to partitioned engines and their signal lines back (README "Scale-out").
export const busSlice: SchemaSlice = {
  'bus.url': {
    type: 'string', description: 'memory (one process) or nats://host:port (NATS JetStream with -js); flag --bus (default memory)',
    check: { problem: busUrlProblem, expected: 'memory or nats://host:port', invalid: ['', 'http://127.0.0.1:4222', 'nats://', 'localhost:4222'], masked: true },
  },
  'bus.partitions': { type: 'integer', min: 1, max: 256, description: 'Partitions of the input stream, one worker each; a token always lands in the same one; flag --partitions (default 1)' },
  'bus.name': {
    type: 'string', description: 'Prefix of the JetStream streams and subjects (pump: PUMP_INPUTS, PUMP_SIGNALS, pump.inputs.0 ...); letters, digits, _ and -; one publisher per name (default pump)',
    check: { problem: busNameProblem, expected: 'letters, digits, _ and - (it names streams and subjects)', invalid: ['', 'a.b', 'two words', 'x>'] },
  },
  'bus.batchInputs': { type: 'integer', min: 1, max: 10000, description: 'Inputs per bus message, split further when over the server max_payload (default 256)' },
  'bus.duplicateWindowMs': { type: 'integer', min: 1000, description: 'The signal stream stores a repeated message id once within this window, ms (default 600000)' },
  'bus.maxAgeMs': { type: 'integer', min: 0, description: 'Streams drop messages older than this, ms; 0 keeps all (a restarted worker rebuilds from what is kept) (default 0)' },
  'bus.ackWaitMs': { type: 'integer', min: 1000, description: 'A worker message not acknowledged within this time is redelivered, ms (default 60000)' },
};
