// Every bundled real transaction with a swap of ours, decoded and compared with values read BY HAND from the
// event bytes (an independent struct-based reading of each field at its IDL offset) and checked against the
// transaction's own token balance changes (pool vault in/out, trader in/out): see the comment on each case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DecodedSwap } from '../../../src/sources/chain/types.js';
import { settleFromBalances } from '../../../src/sources/chain/recorded/settle.js';
import { CHAINBUFF, CHAINSTACK, STREAMER, TX_PARSER, decodeFixture, vixen } from './fixtures.js';

const WSOL = 'So11111111111111111111111111111111111111112';
const USDC = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';

interface Want {
  program: DecodedSwap['program'];
  side: 'buy' | 'sell';
  mint: string | null;
  quoteMint: string | null;
  pool: string;
  base: bigint;
  quote: bigint;
  baseReserve?: bigint | null;
  quoteReserve?: bigint | null;
  user?: string;
  ts?: number | null;
  bytes: number;
  orientation?: DecodedSwap['orientation'];
}

function check(swap: DecodedSwap, w: Want, where: string) {
  assert.equal(swap.kind, 'swap', where);
  assert.equal(swap.program, w.program, `${where} program`);
  assert.equal(swap.side, w.side, `${where} side`);
  assert.equal(swap.mint, w.mint, `${where} mint`);
  assert.equal(swap.quoteMint, w.quoteMint, `${where} quoteMint`);
  assert.equal(swap.pool, w.pool, `${where} pool`);
  assert.equal(swap.baseAmountRaw, w.base, `${where} base amount`);
  assert.equal(swap.quoteAmountRaw, w.quote, `${where} quote amount`);
  if (w.baseReserve !== undefined) assert.equal(swap.baseReserveRaw, w.baseReserve, `${where} base reserve`);
  if (w.quoteReserve !== undefined) assert.equal(swap.quoteReserveRaw, w.quoteReserve, `${where} quote reserve`);
  if (w.user !== undefined) assert.equal(swap.user, w.user, `${where} user`);
  if (w.ts !== undefined) assert.equal(swap.ts, w.ts, `${where} ts`);
  assert.equal(swap.eventBytes, w.bytes, `${where} event size`);
  if (w.orientation) assert.equal(swap.orientation, w.orientation, `${where} orientation`);
}

/** Decodes a fixture, settles each swap from its token balances, checks every swap against `wants` in order. */
function expectSwaps(rel: string, wants: Want[], settle = true) {
  const d = decodeFixture(rel);
  assert.equal(d.failed, false);
  assert.equal(d.truncated, false);
  assert.equal(d.undecoded, 0);
  const swaps = d.events.filter((e): e is DecodedSwap => e.kind === 'swap');
  assert.equal(swaps.length, wants.length, `${rel}: number of swaps`);
  swaps.forEach((s, i) => check(settle ? settleFromBalances(s, d.recorded.tokenAccounts) : s, wants[i], `${rel} #${i}`));
  return d;
}

// pump.fun TradeEvent, 2024 layout (129 B). The pool is the bonding curve PDA; the curve's token account in the
// balances is owned by that same address, and the trader's token account grew by token_amount.
test('pump 129 B direct buy (2024): amounts, virtual reserves, trader, curve PDA', () => {
  expectSwaps(`${TX_PARSER}/pumpfun_buy_0.json`, [{ program: 'pump', side: 'buy', mint: 'D66sbPtYqLnwPYcUqjDktrQtb52CnfF77C3sdpNpR8Si', quoteMint: WSOL,
    pool: 'DizioTk7HKkYcVjiKuB6wdFXtGSisGX57mwG9PFwxXxm', base: 56716561396327n, quote: 3000000000n, baseReserve: 752265121589393n, quoteReserve: 42790764976n,
    user: 'EfbbhahGNuhqEraRZXrwETfsaKxScngEttdQixWAW4WE', ts: 1726647738000, bytes: 129, orientation: 'settled' }]);
});

test('pump 129 B direct sell (2024-07)', () => {
  expectSwaps(`${TX_PARSER}/pumpfun_sell_0.json`, [{ program: 'pump', side: 'sell', mint: 'CnNVDyM7GXBBcH8giuRYm17YCn6kpFTTbnd6Tx4hpump', quoteMint: WSOL,
    pool: expectPda('CnNVDyM7GXBBcH8giuRYm17YCn6kpFTTbnd6Tx4hpump'), base: 592443959000000n, quote: 37437283903n, baseReserve: 1068978927601996n, quoteReserve: 30112848041n,
    user: '4DdrfiDHpmx55i4SPssxVzS9ZaKLb8qr45NKY9Er9nNh', ts: 1721436000000, bytes: 129 }]);
});

test('pump bundle of 4 buys in one transaction: 4 swaps, ordinals 0..3, each trader its own amount', () => {
  const mint = 'ED5nyyWEzpPPiWimP8vYm7sD7TD3LAt3Q3gRTWHzPJBY';
  const pool = 'Ak4Cu8ZTTbaLvAubaCSpzdrEKbpwMpkF4RArSoRLRvMF';
  const one = (user: string, base: bigint, quote: bigint, vtok: bigint, vsol: bigint): Want =>
    ({ program: 'pump', side: 'buy', mint, quoteMint: WSOL, pool, base, quote, baseReserve: vtok, quoteReserve: vsol, user, ts: 1725989127000, bytes: 129 });
  const d = expectSwaps(`${TX_PARSER}/pumpfun_buy_bundle.json`, [
    one('Gh6D6DZcASQLc2XoLpctT74KbRr4nrHF8wNptweckHoA', 12373970345963n, 386100226n, 1009530791558799n, 31886100226n),
    one('7SPkzf8DSxdemSKMEEKquRKEYrdDjcuHaQwac5nvnB4b', 12100159018198n, 386820768n, 997430632540601n, 32272920994n),
    one('GdCFP1doq784rQTHJDuvpLchVWoMtJwdAM8MQTCHWTuz', 12023935360031n, 393794276n, 985406697180570n, 32666715270n),
    one('8rL9duqqeBRzZZyiz77xgfzDUdbR99TPjmVk5D1LNHuL', 12044860698416n, 404234089n, 973361836482154n, 33070949359n),
  ]);
  assert.deepEqual(d.events.map((e) => e.ordinal), [0, 1, 2, 3]);
  // The curve's token account paid out the four amounts together.
  assert.equal(12373970345963n + 12100159018198n + 12023935360031n + 12044860698416n, 48542925422608n);
});

test('pump create + dev buy (2024): CreateEvent 196 B (name, symbol, creator) then a 129 B buy', () => {
  const d = decodeFixture(`${TX_PARSER}/pumpfun_create_0.json`);
  assert.equal(d.events.length, 2);
  const [create, buy] = d.events;
  assert.equal(create.kind, 'create');
  if (create.kind !== 'create') return;
  assert.equal(create.event, 'create');
  assert.equal(create.mint, '5dNYcCZXEGfGgbdUdq7MMR7KLsNJLLLgL83wLH8Fpump');
  assert.equal(create.name, 'MOO DOG');
  assert.equal(create.symbol, 'MOODOG');
  // The 2024 event has no `creator` field: the creator is the user who created it.
  assert.equal(create.creator, '6xo262KbDXepWbF3vPTrFXysr5vJwk3mozBXmXk3hmMx');
  // The event's bonding_curve field and the PDA the trade decoder derives agree.
  assert.equal(create.pool, 'CQrqvWERJtEjw2rCCQV6EqfM6V6jzTuKjhJjKNFmGB7r');
  check(buy as DecodedSwap, { program: 'pump', side: 'buy', mint: create.mint!, quoteMint: WSOL, pool: create.pool!, base: 34612903225806n, quote: 1000000000n,
    baseReserve: 1038387096774194n, quoteReserve: 31000000000n, user: create.creator!, bytes: 129 }, 'dev buy');
});

test('pump via Photon at depth 2, event logged after the self-CPI (2025-03) and before it (2025-04), and a routed sell', () => {
  expectSwaps(`${TX_PARSER}/photon_pumpfun_buy_0.json`, [{ program: 'pump', side: 'buy', mint: 'HQ4SzFMwYo8TXds1bHD2TvZdL7S75hK8w775rWrVpump', quoteMint: WSOL,
    pool: expectPda('HQ4SzFMwYo8TXds1bHD2TvZdL7S75hK8w775rWrVpump'), base: 5609742876530n, quote: 392079207n, baseReserve: 675849686387772n, quoteReserve: 47628933894n,
    user: 'DfMxre4cKmvogbLrPigxmibVTTQDuzjdXojWzjCXXhzj', ts: 1740834823000, bytes: 129 }]);
  expectSwaps(`${TX_PARSER}/photon_pumpfun_buy_1.json`, [{ program: 'pump', side: 'buy', mint: '37AmZ9EYChwuK95dnP6sYYbqcoEbbvEZYJpinSLfpump', quoteMint: WSOL,
    pool: expectPda('37AmZ9EYChwuK95dnP6sYYbqcoEbbvEZYJpinSLfpump'), base: 294233863538n, quote: 98019801n, baseReserve: 310702231416960n, quoteReserve: 103604021889n,
    user: '2PhpwXnnnQWQCdiQwkG7Xbq5D3x72vCEGJEQ1kKrMHzi', ts: 1743627546000, bytes: 129 }]);
  // The trader's token account fell by 50287397622085 and the curve's (owned by the curve PDA) rose by as much.
  expectSwaps(`${TX_PARSER}/photon_pumpfun_sell.json`, [{ program: 'pump', side: 'sell', mint: '4fSYiTPwwvU9Ym7CGXG4BNLKMcybg2GZXesYevS8pump', quoteMint: WSOL,
    pool: '2UiFmAK89Fv3xMRMDN5sD2jFQSBSSWeVPN84BAsYwmLq', base: 50287397622085n, quote: 1667803326n, baseReserve: 1010649186530851n, quoteReserve: 31850814765n,
    user: 'CzXW1cD5H9M6d8uFonRqQA5bvfLQtZdaZFJzqpie88HM', ts: 1743633930000, bytes: 129 }]);
});

test('pump 129 B in the ChainBuff wallet-tracker transactions (their fail*.json are successful despite the name)', () => {
  const m = '7LCnGcBjiiaqWMkhTfEEemx5mWdLBHbrgDjCPbTbpump';
  expectSwaps(`${CHAINBUFF}/open.json`, [{ program: 'pump', side: 'buy', mint: m, quoteMint: WSOL, pool: expectPda(m), base: 59023574727001n, quote: 2000000000n, user: '7DMcENeWGQ9MVqy7jLo54n9ibzH1DQBNtTa7otBsgjnJ', bytes: 129 }]);
  expectSwaps(`${CHAINBUFF}/open1.json`, [{ program: 'pump', side: 'buy', mint: m, quoteMint: WSOL, pool: expectPda(m), base: 27242531851477n, quote: 1000000000n, user: 'GL3VEiyAZi2Vi2kLbFw4M6Lz4U95vJgH8HT1sN6MvgAT', bytes: 129 }]);
  expectSwaps(`${CHAINBUFF}/open2.json`, [{ program: 'pump', side: 'buy', mint: m, quoteMint: WSOL, pool: expectPda(m), base: 4563174234155n, quote: 144879737n, user: '5BAVxxaUS1ykh4A6EqLGxxZLaUH9t7qxtabPYFWSswCd', bytes: 129 }]);
  const f = '3kKVvwSgLKcydFTeEuejpKEDqqGxrrKND7B7W9cApump';
  expectSwaps(`${CHAINBUFF}/fail.json`, [{ program: 'pump', side: 'sell', mint: f, quoteMint: WSOL, pool: expectPda(f), base: 6251953735542n, quote: 180101237n, baseReserve: 1060215859440065n, quoteReserve: 30361741638n, bytes: 129 }]);
  const g = 'ExqTq3rSzY3cQX1fjhfRTdwkM9cC729zqtUzfFFhpump';
  expectSwaps(`${CHAINBUFF}/fail1.json`, [{ program: 'pump', side: 'buy', mint: g, quoteMint: WSOL, pool: expectPda(g), base: 6259754126787n, quote: 210431815n, bytes: 129 }]);
  const h = 'E6mwHXeGot8cJHiSVzrQEYuiHjArMThcXbbrEUaXpump';
  expectSwaps(`${CHAINBUFF}/open4.json`, [{ program: 'pump', side: 'buy', mint: h, quoteMint: WSOL, pool: expectPda(h), base: 5780097770783n, quote: 200000000n, bytes: 129 }]);
});

test('pump 225 B (2025-07): direct, and through a router at depth 2 next to the router\'s own 144 B event', () => {
  expectSwaps(`${STREAMER}/pumpfun_direct_tx.json`, [{ program: 'pump', side: 'buy', mint: '7k2255ueF3Ecnnjf9odEu7so3gmXKS8E29atDWmFpump', quoteMint: WSOL,
    pool: expectPda('7k2255ueF3Ecnnjf9odEu7so3gmXKS8E29atDWmFpump'), base: 2878556000000n, quote: 129814469n, baseReserve: 843424927552285n, quoteReserve: 38165815301n,
    user: '3HeEuccBzrTvWBvQGuiVgqbJcCpzTd4mFZjbKQoz5BYg', ts: 1753751878000, bytes: 225 }]);
  expectSwaps(`${STREAMER}/pumpfun_cpi_tx.json`, [{ program: 'pump', side: 'buy', mint: 'Ac9UhxTAvhbqC6e9LbKvHkMgtBt8kZSpmRQrVBqJpump', quoteMint: WSOL,
    pool: expectPda('Ac9UhxTAvhbqC6e9LbKvHkMgtBt8kZSpmRQrVBqJpump'), base: 1864792795n, quote: 98019n, baseReserve: 782564474266348n, quoteReserve: 41133990957n,
    user: 'DRUujjQPsCqNFnaqY1c6FaSbDsS6BwLqm7hGPUMaJPF6', ts: 1753747643000, bytes: 225 }]);
});

test('pump 258 B (2025-10) routed at depth 2: the curve account (owned by the PDA) paid out token_amount', () => {
  expectSwaps(vixen('22K6'), [{ program: 'pump', side: 'buy', mint: '4eLCXkNbDw2bvdrZZVn1cXurtL63H4z9ZfbYCY17pump', quoteMint: WSOL,
    pool: 'DzEuwnKqiZxfZgeo7MjpZ3FWfZzt5ERRzjkNpx856Ram', base: 4087530976228n, quote: 246875000n, baseReserve: 728008851549656n, quoteReserve: 44216495358n,
    user: 'FwjYcbfktK8PC2bzCrqxR6QkUPxmHFbcFGNrz3YAV7ft', ts: 1759852522000, bytes: 258 }]);
});

test('pump 358 B quoted in USDC (2026): quote_mint/quote_amount, not sol_amount (0); the curve\'s USDC vault grew by quote_amount', () => {
  expectSwaps(`${CHAINSTACK}/raw_buy_tx_from_gettransaction.json`, [{ program: 'pump', side: 'buy', mint: '4F4gGVBAWuKi3EpmYdhntXvCVFqZZqmrb1cqNGawpump', quoteMint: USDC,
    pool: 'HR8M4iQmzagQ7vUDREycE2XSHuELmiQSFSrCa4eKytn5', base: 445377137871n, quote: 3517192n, baseReserve: 1067677499811569n, quoteReserve: 9798461752n,
    user: 'BwWK17cbHxwWBKZkUYvzxLcNQ1YVyaFezduWbtm2de6s', ts: 1785328584000, bytes: 358 }]);
});

test('pump 371 B create + first buy (2026, ix_name "buy_exact_sol_in"): SOL-quoted (default quote_mint), CreateEvent 343 B, ExtendAccountEvent ignored', () => {
  const d = expectSwaps(`${CHAINSTACK}/raw_create_tx_from_gettransaction.json`, [{ program: 'pump', side: 'buy', mint: 'CWiTGbCiDd8BKtNYNE2boT9fJGFG2MU53Uf6HQk4pump', quoteMint: WSOL,
    pool: expectPda('CWiTGbCiDd8BKtNYNE2boT9fJGFG2MU53Uf6HQk4pump'), base: 96449438144093n, quote: 2962962962n, baseReserve: 976550561855907n, quoteReserve: 32962962962n,
    user: '5htGpHK2oV9g2BcDqLdRBqjCLdy8mc3fsESfR5DU73eM', ts: 1785327618000, bytes: 371 }]);
  const create = d.events[0];
  assert.equal(create.kind, 'create');
  if (create.kind === 'create') {
    assert.equal(create.mint, 'CWiTGbCiDd8BKtNYNE2boT9fJGFG2MU53Uf6HQk4pump');
    assert.equal(create.creator, '5htGpHK2oV9g2BcDqLdRBqjCLdy8mc3fsESfR5DU73eM');
    assert.equal(create.pool, expectPda('CWiTGbCiDd8BKtNYNE2boT9fJGFG2MU53Uf6HQk4pump'));
  }
});

test('pump 358 B SOL-quoted in a blockSubscribe entry (base64 tx, no signature field): signature read from the wire bytes', () => {
  const d = expectSwaps(`${CHAINSTACK}/blocksubscribe-transactions/raw_create_tx_from_blocksubscribe.json`, [{ program: 'pump', side: 'buy', mint: '7YD6ZHb39jGb33ki2iFd7kHK11yMkSFCc9kvjJscpump',
    quoteMint: WSOL, pool: expectPda('7YD6ZHb39jGb33ki2iFd7kHK11yMkSFCc9kvjJscpump'), base: 3520371073923n, quote: 98750018n, baseReserve: 1069479628926077n, quoteReserve: 30098750018n,
    user: '5zsxd4pGNCQpwyKiBWZ95nCTPsEPoS62xEGnjpW6FRy7', ts: 1785328607000, bytes: 358 }]);
  assert.equal(d.events[0].kind, 'create');
  assert.ok(d.signature.length >= 86 && d.signature.length <= 88);
});

// PumpSwap: reserves after = the pool's vault balances after the trade, as the token balances show them.
test('PumpSwap BuyEvent 360 B at depth 3 (router -> proxy -> pump_amm) next to an Orca swap', () => {
  expectSwaps(`${STREAMER}/pumpswap_cpi_tx.json`, [{ program: 'pump_amm', side: 'buy', mint: '5UUH9RTDiSpq6HKS6bp4NdU9PNJpXRXuiw6ShBTBhgH2', quoteMint: WSOL,
    pool: '4w2cysotX6czaUGmmWg13hDpY4QEMG2CzeKYEQyK9Ama', base: 5544465819n, quote: 960546212n, baseReserve: 30813766071198n, quoteReserve: 5339266866496n,
    user: '6TYDxGmVxkBPBmEfnmLXx6jVff9LknsjRHqdTjVyZmG8', ts: 1753789195000, bytes: 360 }]);
});

test('PumpSwap SellEvent 360 B at depth 2 next to a DLMM swap (no DLMM event)', () => {
  expectSwaps(`${STREAMER}/pumpswap_sell_cpi_tx.json`, [{ program: 'pump_amm', side: 'sell', mint: '5w68xqRpVFqi7hCXuN7QLc5ReLv1PfpmT9TVm11Cpump', quoteMint: WSOL,
    pool: 'EGTHgmHac1ZLgwVQjzXyGAyN8SKjgMbA6vsrFe6pB5dz', base: 134018503080n, quote: 112810637n, baseReserve: 229072873186834n, quoteReserve: 192710468295n,
    user: 'BvoxKEUeCkbWV7geTs74z8bhExE8FjVfaR4STkGe8tBi', ts: 1753789184000, bytes: 360 }]);
});

test('PumpSwap BuyEvent 393 B (2025-10) direct', () => {
  expectSwaps(vixen('4pCg'), [{ program: 'pump_amm', side: 'buy', mint: 'MeU6gTPJkV8J5TwWfUArnmM4sD6X5SYmXotcJtYpump', quoteMint: WSOL,
    pool: '89aDWhVE39VYX8XCYT9PSNh7A7txWmkKLXZiSBs9D7ur', base: 1205966600208n, quote: 695247549n, baseReserve: 175500167922620n, quoteReserve: 101873620453n,
    user: '2QVgwx93rJXm2po3kQpEaU4B23fsUiq58ygkFs3sWPjG', ts: 1759852522000, bytes: 393 }]);
});

test('PumpSwap SellEvent via the OKX router: the swap decodes, OKX\'s own 25 B "SwapEvent" (same discriminator as Raydium\'s) does not', () => {
  expectSwaps(vixen('5gtu'), [{ program: 'pump_amm', side: 'sell', mint: 'CzdpPoGiyWHg62uSziwNswjN2STE4xXDGsVTKZ2BQKGk', quoteMint: WSOL,
    pool: '34oYd3R5oM6ymwD4ofskhWtTs3U7hYsDapqVb2ueTrPi', base: 22614342682n, quote: 10345038n, baseReserve: 229187696240609n + 22614342682n, quoteReserve: 104853348111n - 10324347n,
    user: 'HV1KXxWFaSeriyFvXyx48FqG9BoFbfinB8njCJonqP7K', ts: 1759852797000, bytes: 360 }]);
});

test('PumpSwap events name no mint: before settling, mint/quoteMint are null and the trader\'s accounts are given', () => {
  expectSwaps(`${STREAMER}/pumpswap_cpi_tx.json`, [{ program: 'pump_amm', side: 'buy', mint: null, quoteMint: null, pool: '4w2cysotX6czaUGmmWg13hDpY4QEMG2CzeKYEQyK9Ama',
    base: 5544465819n, quote: 960546212n, bytes: 360, orientation: 'settled' }], false);
  const s = decodeFixture(`${STREAMER}/pumpswap_cpi_tx.json`).events[0] as DecodedSwap;
  assert.equal(s.baseAccount, '4yFkSKTzpbDhFpFEHiooKg9XmoNbQGfbe4ZPxK7CRtHB');
  assert.equal(s.quoteAccount, '13Ma7KdfbBrF8NmDBnVTkwny7tjrZxYHCfn6a3FFbRUa');
});

// Raydium CPMM: the input vault grew by input_amount, the output vault shrank by output_amount.
test('CPMM SwapEvent 170 B (2025-10): mints in the event, token sold for SOL', () => {
  expectSwaps(vixen('4RoV'), [{ program: 'raydium_cpmm', side: 'sell', mint: '68GdL4q2fNAu7acwrHRjCQwtfvPxXQEFkBihzbKfbonk', quoteMint: WSOL,
    pool: 'HnrJu2mqgHKUhSmZRnwVPTPUW1GwCxbhggGmuF11oW8G', base: 218686363204n, quote: 69520899n, baseReserve: 241645298455838n + 218686363204n, quoteReserve: 77081648735n - 69520899n,
    bytes: 170, orientation: 'settled' }], false);
});

test('CPMM SwapEvent 89 B (2024) via OKX at depth 2: no mint in the event (input leg as base until settled), then settled from the vaults', () => {
  const pool = '8THC7UQN8zPXRL61o75fP4gcwRyB5W3o74yHyqarkqZ9';
  const d = decodeFixture(`${TX_PARSER}/OKXDEX_swap_0.json`);
  const cpmm = d.events[0] as DecodedSwap;
  // inB + input_amount - input_transfer_fee, outB - output_amount.
  check(cpmm, { program: 'raydium_cpmm', side: 'sell', mint: null, quoteMint: null, pool, base: 344448n, quote: 15742n,
    baseReserve: 14700939435598n + 344448n - 14352n, quoteReserve: 673588140414n - 15742n, bytes: 89, orientation: 'input_base' }, 'raw');
  check(settleFromBalances(cpmm, d.recorded.tokenAccounts), { program: 'raydium_cpmm', side: 'sell', mint: '7atgF8KQo4wJrD5ATGX7t1V2zVvykPJbFfNeVf1icFv1', quoteMint: WSOL, pool,
    base: 344448n, quote: 15742n, bytes: 89, orientation: 'settled' }, 'settled');
});

// Raydium CLMM: zero_for_one says which vault grew; the vaults (owned by the pool) moved by amount_0 / amount_1.
test('CLMM SwapEvent 205 B in the same OKX transaction: token0 = wSOL in, so the token (token1) was bought', () => {
  const d = decodeFixture(`${TX_PARSER}/OKXDEX_swap_0.json`);
  assert.equal(d.events.length, 2, 'the two OKX 25 B events are not ours');
  const clmm = d.events[1] as DecodedSwap;
  check(clmm, { program: 'raydium_clmm', side: 'sell', mint: null, quoteMint: null, pool: 'HMqacQogqMpdux9DgbZQ75saxmSYGF4dMcpuLNYQdNU6', base: 15742n, quote: 74619n,
    baseReserve: null, quoteReserve: null, user: 'HV1KXxWFaSeriyFvXyx48FqG9BoFbfinB8njCJonqP7K', bytes: 205, orientation: 'token0_base' }, 'raw');
  assert.equal(clmm.sqrtPriceX64, 40569989530277096749n);
  assert.equal(clmm.liquidity, 994191032110n);
  check(settleFromBalances(clmm, d.recorded.tokenAccounts), { program: 'raydium_clmm', side: 'buy', mint: 'ED5nyyWEzpPPiWimP8vYm7sD7TD3LAt3Q3gRTWHzPJBY', quoteMint: WSOL,
    pool: 'HMqacQogqMpdux9DgbZQ75saxmSYGF4dMcpuLNYQdNU6', base: 74619n, quote: 15742n, bytes: 205, orientation: 'settled' }, 'settled');
});

test('CLMM via Jupiter at depth 2 (2024-12): token1 in; settled as a sell of the token for SOL', () => {
  expectSwaps(`${TX_PARSER}/jupiterAggregatorV6_Route_2.json`, [{ program: 'raydium_clmm', side: 'sell', mint: '8SgNwESovnbG1oNEaPVhg6CR9mTMSK7jPvcYRe3wpump', quoteMint: WSOL,
    pool: '8G6Mt4tbCHU8nfoWJnamLVXkEMFeia3fPnFD3EUwcmiH', base: 100000000n, quote: 12309272n, user: '63EazyqF9nJN8SdGTMUaLrRKxS3XnmUiFuDp5KZ9wEV8', bytes: 205 }]);
});

test('CLMM direct (2025-10): the router\'s temporary wSOL account is gone from the balances, the pool\'s vaults settle it', () => {
  const d = expectSwaps(vixen('nexz'), [{ program: 'raydium_clmm', side: 'buy', mint: 'FURb99Ujvu1XcjYiLQgEfotrsAEb871rgLZvyL3fhfKp', quoteMint: WSOL,
    pool: '94KAY4LgDHjFggk4hL1QQZ4fMdfvQDsbdRk35iq1HJ9T', base: 928319794967n, quote: 650000000n, user: '7tCvgs2AP8qrqzR9TR8RRDgs4sCq84RPhKpLjtoCE7Up', bytes: 205 }]);
  assert.equal((d.events[0] as DecodedSwap).sqrtPriceX64, 696571172551493720006n);
});

test('CLMM at depth 3 (arbitrage -> Jupiter -> CLMM) in a SOL/USDC pool: base SOL, quote USDC (a SOL/USD price)', () => {
  expectSwaps(vixen('vRYN'), [{ program: 'raydium_clmm', side: 'buy', mint: WSOL, quoteMint: USDC, pool: 'CYbD9RaToYMtWKA7QZyoLahnHdWq553Vm62Lh6qWtuxq',
    base: 2092254175n, quote: 472821137n, user: '6x7TpDvJsBYnsh66HTDo6PqJ7dNV7fTtMw5vGgWnRiY6', bytes: 205 }]);
});

// The curve PDA, cross-checked where the fixture shows it (the owner of the curve's token account).
import { bondingCurveOf } from '../../../src/sources/chain/programs/pump/pda.js';
function expectPda(mint: string): string {
  return bondingCurveOf(mint, '6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P');
}
