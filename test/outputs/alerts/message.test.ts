import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  alertMessage, discordPayload, escapeDiscord, plainText, telegramPayload, webhookBody, DISCORD_CONTENT_MAX, TELEGRAM_TEXT_MAX,
} from '../../../src/outputs/alerts/index.js';
import { sanitizeSymbol } from '../../../src/domain/text.js';
import type { ConfirmationLine, IgnitionLine } from '../../../src/domain/signals.js';
import { parseTelegramHtml } from '../../fakes/alert-telegram.js';
import { HOSTILE_SYMBOLS, goldenLines, ignition } from './helpers.js';

const DISCORD_SPECIAL = new Set('\\*_~`|>#-[]()<:!.+='.split(''));

/** Undoes escapeDiscord, checking on the way that no special character was left bare. */
function unescapeDiscord(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') {
      assert.ok(DISCORD_SPECIAL.has(s[i + 1]), `stray backslash before ${JSON.stringify(s[i + 1])} in ${JSON.stringify(s)}`);
      out += s[++i];
    } else {
      assert.ok(!DISCORD_SPECIAL.has(s[i]), `bare ${JSON.stringify(s[i])} in ${JSON.stringify(s)}`);
      out += s[i];
    }
  }
  return out.replace(/\u200b/g, '');
}

test('a hostile symbol reaches Discord escaped, without mentions, and within 2000 characters', () => {
  for (const raw of HOSTILE_SYMBOLS) {
    const safe = sanitizeSymbol(raw)!;
    assert.equal(unescapeDiscord(escapeDiscord(safe)), safe, raw);
    const p = discordPayload(ignition({ id: 'x', symbol: raw })) as { content: string; allowed_mentions: unknown };
    assert.deepEqual(p.allowed_mentions, { parse: [] }, 'no mention can ping');
    assert.ok(p.content.length <= DISCORD_CONTENT_MAX);
    assert.doesNotMatch(p.content, /@(everyone|here)|<@!?\d+>|\x1b|\u202e/, raw);
    assert.ok(p.content.includes(escapeDiscord(safe)), `the escaped symbol is in the message: ${raw}`);
  }
});

test('a hostile symbol reaches Telegram as valid HTML whose visible text is the sanitised symbol, inert', () => {
  for (const raw of HOSTILE_SYMBOLS) {
    const p = telegramPayload(ignition({ id: 'x', symbol: raw }), '-100') as { text: string; parse_mode: string };
    assert.equal(p.parse_mode, 'HTML');
    const parsed = parseTelegramHtml(p.text);
    assert.ok('text' in parsed, `${raw}: ${'error' in parsed ? parsed.error : ''}`);
    const visible = parsed.text;
    assert.ok(visible.length <= TELEGRAM_TEXT_MAX);
    assert.ok(visible.replace(/\u2060/g, '').includes(sanitizeSymbol(raw)!), raw);
    assert.doesNotMatch(visible, /(^|\s)[@#][A-Za-z]|\x1b|\u202e/, `a mention or hashtag survived: ${raw}`);
    assert.equal((p.text.match(/<a /g) ?? []).length, 3, 'only our three links are links');
  }
});

test('the message names symbol and mint, the change, the ladder with stop distance in percent, p, the gates and the links', () => {
  const line = goldenLines().find((l): l is IgnitionLine => l.type === 'ignition' && l.ladder !== null)!;
  const text = plainText(alertMessage({ ...line, symbol: 'CBRL' })!);
  const l = line.ladder!;
  const stopPct = ((l.sl - l.entry) / l.entry) * 100;
  assert.ok(text.includes('CBRL') && text.includes(line.mint!), text);
  assert.ok(text.includes(`${line.changePct >= 0 ? '+' : ''}${line.changePct.toFixed(1)}%`), 'change');
  assert.match(text, new RegExp(`SL \\S+ \\(${stopPct.toFixed(1).replace('.', '\\.')}%\\)`), 'stop distance in percent');
  for (const [i, tp] of l.tp.entries()) {
    const pct = ((tp - l.entry) / l.entry) * 100;
    assert.ok(text.includes(`TP${i + 1} `) && text.includes(`(+${Math.abs(pct) < 100 ? pct.toFixed(1) : pct.toFixed(0)}%)`), `TP${i + 1}`);
  }
  assert.ok(text.includes(`p ${line.confidence.p!.toFixed(2)}`), 'p');
  for (const g of ['liquidity', 'vol 24h', 'impact', 'mint auth', 'freeze auth', 'token-2022']) assert.ok(text.includes(g), g);
  for (const host of ['https://dexscreener.com/solana/', 'https://solscan.io/token/', 'https://birdeye.so/token/']) assert.ok(text.includes(host + line.mint), host);
});

test('a pool-only signal links the pool and says so', () => {
  const m = alertMessage(ignition({ id: 'x', mint: null }))!;
  assert.equal(m.tokenLabel, 'Pool');
  assert.deepEqual(m.links.map((l) => l.label), ['DexScreener', 'Solscan']);
  assert.ok(m.links[1].url.includes('/account/'));
});

test('every real signal of the golden replay renders within both limits and as valid Telegram HTML', () => {
  const signals = goldenLines().filter((l): l is IgnitionLine | ConfirmationLine => l.type === 'ignition' || l.type === 'confirmation');
  assert.ok(signals.length > 20);
  for (const line of signals) {
    const d = discordPayload(line) as { content: string };
    assert.ok(d.content.length <= DISCORD_CONTENT_MAX);
    const t = parseTelegramHtml((telegramPayload(line, '1') as { text: string }).text);
    assert.ok('text' in t, line.id);
    const w = webhookBody(line)!;
    assert.equal(w.id, line.id);
    assert.deepEqual(w.signal, line, 'the webhook carries the full line');
  }
});

test('status, dropped and other operational lines are never alerts', () => {
  const ops = goldenLines().filter((x) => x.type === 'near_miss' || x.type === 'dropped' || x.type === 'status');
  assert.ok(ops.length > 0);
  for (const l of ops) assert.equal(alertMessage(l), null, l.type);
});
