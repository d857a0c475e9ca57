import type { FakeServer } from './types.js';
import { BirdeyeRestFake } from './birdeye-rest.js';
import { DexScreenerFake } from './dexscreener.js';
import { GeckoTerminalFake } from './geckoterminal.js';
import { JupiterFake } from './jupiter.js';
import { realUniverse, type Universe } from './universe.js';
import { FakeSolanaRpc } from './solana-rpc.js';
import { FakeBirdeyeWs } from './birdeye-ws.js';
import { FakeSolanaWs } from './solana-ws.js';

/**
 * A Solana RPC fake holding a real mint account for every token of the universe, with its authorities and traps,
 * and its Metaplex metadata account (name, symbol).
 */
export function solanaFakeFor(universe: Universe, path?: string): FakeSolanaRpc {
  const rpc = new FakeSolanaRpc({ path });
  for (const t of universe.list()) {
    rpc.addMint(t.mint, { mintAuthority: t.mintAuthority, freezeAuthority: t.freezeAuthority, decimals: t.decimals, ...(t.mintSpec ?? {}) });
    // Name and symbol on-chain too (the Metaplex account pump.fun and most launchers create), read with the mint.
    rpc.addMetadata(t.mint, { name: t.name, symbol: t.symbol, uri: `https://example.invalid/${t.symbol}.json` });
  }
  return rpc;
}

export interface StartFakesOptions {
  /** The market every fake serves (default: CBRL and Butterfly from the real data). */
  universe?: Universe;
  /** Only start fakes with these names (default: all). */
  only?: string[];
  /** The key the Birdeye REST and WebSocket fakes accept (default: the REST fake's own). */
  birdeyeKey?: string;
  /** Path the Solana RPC fake answers on, as providers put a key in it (`/v2/<key>`; default `/`). */
  solanaPath?: string;
}

/** Builds one fake from the shared options. Register new fakes (solana, birdeye-ws) here with one line. */
export type FakeFactory = (opts: Required<Pick<StartFakesOptions, 'universe'>> & Pick<StartFakesOptions, 'birdeyeKey' | 'solanaPath'>) => FakeServer<unknown>;

export const fakeRegistry: Array<{ name: string; make: FakeFactory }> = [
  {
    name: 'birdeye',
    make: ({ universe, birdeyeKey }) => {
      const fake = new BirdeyeRestFake(universe);
      if (birdeyeKey !== undefined) fake.apiKey = birdeyeKey;
      return fake;
    },
  },
  { name: 'dexscreener', make: ({ universe }) => new DexScreenerFake(universe) },
  { name: 'geckoterminal', make: ({ universe }) => new GeckoTerminalFake(universe) },
  { name: 'jupiter', make: ({ universe }) => new JupiterFake(universe) },
  { name: 'solana', make: ({ universe, solanaPath }) => solanaFakeFor(universe, solanaPath) },
  { name: 'birdeye-ws', make: ({ birdeyeKey }) => new FakeBirdeyeWs(birdeyeKey ?? new BirdeyeRestFake().apiKey) },
  { name: 'solana-ws', make: () => new FakeSolanaWs() },
];

export interface RunningFakes {
  fakes: FakeServer<unknown>[];
  universe: Universe;
  /** Every env var the scanner needs to use the fakes (base URLs, the fake Birdeye key). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts every registered fake (or `only` those) on loopback ports and returns their environment. */
export async function startAllFakes(opts: StartFakesOptions = {}): Promise<RunningFakes> {
  const universe = opts.universe ?? realUniverse();
  const fakes = fakeRegistry.filter((f) => !opts.only || opts.only.includes(f.name)).map((f) => f.make({ universe, birdeyeKey: opts.birdeyeKey, solanaPath: opts.solanaPath }));
  const started: FakeServer<unknown>[] = [];
  try {
    for (const f of fakes) {
      await f.start();
      started.push(f);
    }
  } catch (e) {
    await Promise.all(started.map((f) => f.stop()));
    throw e;
  }
  const env: Record<string, string> = {};
  for (const f of fakes) Object.assign(env, f.env());
  const birdeye = fakes.find((f): f is BirdeyeRestFake => f instanceof BirdeyeRestFake);
  if (birdeye) env.BIRDEYE_API_KEY = birdeye.apiKey;
  return { fakes, universe, env, stop: async () => void (await Promise.all(fakes.map((f) => f.stop()))) };
}
