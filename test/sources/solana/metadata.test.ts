import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PublicKey, type AccountInfo } from '@solana/web3.js';
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, unpackMint } from '@solana/spl-token';
import { decodeMetaplexMetadata, decodeTokenMetadataExtension } from '../../../src/sources/solana/metadata-decode.js';
import { metadataAddress, tokenInfoFromAccounts } from '../../../src/sources/solana/metadata.js';
import { base58Decode } from '../../../src/domain/mint.js';
import { encodeMint, testAddress } from '../../fakes/solana-rpc-mints.js';
import { encodeMetaplexMetadata, metaplexAddress, type MetadataSpec } from '../../fakes/solana-rpc-metadata.js';
import { needsShared, sharedPath } from '../../support/shared-data.js';

const AT = 1_760_000_000_000;
const MEGA = '5gSwsLGzyCwgwPJSnxjsQCaFeE19ZFaibHMLky9TDFim';
const account = (a: { owner: PublicKey; data: Buffer; lamports: number }): AccountInfo<Buffer> => ({ ...a, executable: false, rentEpoch: 0 });
/** A `solana account --output json` dump of recorded-api/solana/accounts as an AccountInfo. */
function dump(mint: string): AccountInfo<Buffer> {
  const j = JSON.parse(readFileSync(sharedPath('recorded-api', 'solana', 'accounts', `${mint}.json`), 'utf8'));
  return account({ owner: new PublicKey(j.account.owner), data: Buffer.from(j.account.data[0], 'base64'), lamports: j.account.lamports });
}
const legacyMint = (mint: string, decimals = 6) => account(encodeMint({ mintAuthority: null, freezeAuthority: null, decimals }, mint));
const metaplex = (mint: string, spec: MetadataSpec) => account(encodeMetaplexMetadata(mint, spec));

describe('on-chain token metadata', () => {
  it('reads the TokenMetadata extension of the recorded Token-2022 mega token', needsShared(), () => {
    const info = dump(MEGA);
    const ext = decodeTokenMetadataExtension(info.data);
    assert.ok(ext && ext.ok, JSON.stringify(ext));
    assert.deepEqual([ext.metadata.name, ext.metadata.symbol, ext.metadata.uri], ['MegaToken', 'MT', 'https://spl.solana.com/token-2022']);
    const r = tokenInfoFromAccounts(MEGA, info, null, AT);
    assert.equal(r.problem, null);
    assert.deepEqual([r.info!.name, r.info!.symbol, r.info!.source, r.info!.tokenProgram], ['MegaToken', 'MT', 'solana', TOKEN_2022_PROGRAM_ID.toBase58()]);
    assert.equal(r.info!.decimals, unpackMint(new PublicKey(MEGA), info, TOKEN_2022_PROGRAM_ID).decimals);
  });

  it('finds no extension in the recorded mints that carry none (legacy, transfer fee, group member)', needsShared(), () => {
    for (const m of ['Gh9ZwEmdLJ8DscKNTkTqPbNwLNNBjuSzaG9Vp2KGtKJr', 'CKfatsPMUf8SkiURsDXs7eK6GWb4Jsd6UDbs7twMCWxo', 'CXZDzjSrQ5jPaBgk6ckTQrLPTnUURiY2GnAgVCS9Fggz']) {
      const info = dump(m);
      assert.equal(decodeTokenMetadataExtension(info.data), null, m);
      const r = tokenInfoFromAccounts(m, info, null, AT);
      assert.deepEqual([r.info!.name, r.info!.symbol, r.problem], [null, null, null], m);
      assert.equal(r.info!.decimals, unpackMint(new PublicKey(m), info, info.owner).decimals, 'decimals from the chain');
    }
  });

  it('derives the metadata address a real pump.fun create wrote to, and reads what it wrote', needsShared(), () => {
    // 0xjeffro__tx-parser pumpfun_create_0.json: pump's Create CPIs into Metaplex CreateMetadataAccountV3 with
    // accounts [metadata, mint, ...] and data [33, name, symbol, uri, ...] (Borsh strings).
    const tx = JSON.parse(readFileSync(sharedPath('0xjeffro__tx-parser', 'solana', 'data', 'pumpfun_create_0.json'), 'utf8'))[0];
    const keys: string[] = tx.transaction.message.accountKeys;
    const ix = tx.meta.innerInstructions.flatMap((x: { instructions: unknown[] }) => x.instructions)
      .find((i: { programIdIndex: number }) => keys[i.programIdIndex] === 'metaqbxxUerdq28cj1RbAWkYQm3ybzjb6a8bt518x1s');
    const [metadata, mint] = [keys[ix.accounts[0]], keys[ix.accounts[1]]];
    assert.equal(metadataAddress(new PublicKey(mint)).toBase58(), metadata);
    assert.equal(metaplexAddress(mint), metadata, 'the fake derives the same address independently');
    const data = Buffer.from(base58Decode(ix.data)!);
    assert.equal(data[0], 33, 'CreateMetadataAccountV3');
    let at = 1;
    const str = () => {
      const len = data.readUInt32LE(at);
      const s = data.subarray(at + 4, at + 4 + len).toString('utf8');
      at += 4 + len;
      return s;
    };
    const [name, symbol, uri] = [str(), str(), str()];
    assert.deepEqual([name, symbol], ['MOO DOG', 'MOODOG']);
    // The account as Metaplex stores it (NUL-padded to 32/10/200), built from the real instruction's strings.
    const r = tokenInfoFromAccounts(mint, legacyMint(mint), metaplex(mint, { name, symbol, uri }), AT);
    assert.equal(r.problem, null);
    assert.deepEqual([r.info!.name, r.info!.symbol], ['MOO DOG', 'MOODOG']);
  });

  it('strips NUL padding and makes hostile names inert', () => {
    const mint = testAddress(901);
    const cases: Array<[MetadataSpec, string | null, string | null]> = [
      [{ name: 'Plain Token', symbol: 'PLN' }, 'Plain Token', 'PLN'],
      [{ name: '\u001b[2J\u001b]0;pwned\u0007Evil\u001b[31m Co', symbol: 'EV\u0007L' }, 'Evil Co', 'EVL'],
      [{ name: 'Line\nbreak\r\tand\u0000nul', symbol: '\u202eRTL' }, 'Line break andnul', 'RTL'],
      [{ name: 'Z\u200bero\u200dwidth', symbol: '\u0000\u0000' }, 'Zerowidth', null],
      [{ name: { bytes: Uint8Array.from([0x41, 0xff, 0xfe, 0x42]) }, symbol: 'BAD' }, 'A\ufffd\ufffdB', 'BAD'],
    ];
    for (const [spec, name, symbol] of cases) {
      const r = tokenInfoFromAccounts(mint, legacyMint(mint), metaplex(mint, spec), AT);
      assert.equal(r.problem, null, JSON.stringify(spec));
      assert.deepEqual([r.info!.name, r.info!.symbol], [name, symbol], JSON.stringify(spec));
    }
    const long = tokenInfoFromAccounts(mint, legacyMint(mint), metaplex(mint, { name: 'W'.repeat(5000), symbol: 'S'.repeat(300), pad: false }), AT).info!;
    assert.ok(long.name!.length <= 64 && long.symbol!.length <= 32, `bounded: ${long.name!.length}/${long.symbol!.length}`);
  });

  it('reports a record that lies about its length or names another mint, and still gives the decimals', () => {
    const mint = testAddress(902);
    const lying = tokenInfoFromAccounts(mint, legacyMint(mint, 9), metaplex(mint, { name: { bytes: Buffer.from('abc'), declaredLength: 1_000_000 }, symbol: 'X' }), AT);
    assert.match(lying.problem!, /name runs past the end/);
    assert.deepEqual([lying.info!.name, lying.info!.decimals], [null, 9]);
    const other = tokenInfoFromAccounts(mint, legacyMint(mint), metaplex(mint, { name: 'Copycat', symbol: 'CPY', mint: testAddress(903) }), AT);
    assert.match(other.problem!, /another mint/);
    assert.equal(other.info!.name, null);
    const notMeta = tokenInfoFromAccounts(mint, legacyMint(mint), account({ owner: new PublicKey(metaplexAddress(mint)), data: Buffer.from([4, 1, 2]), lamports: 1 }), AT);
    assert.deepEqual([notMeta.problem, notMeta.info!.name], [null, null], 'an account the metadata program does not own is ignored');
    assert.match(decodeMetaplexMetadata(Buffer.from([6, 0, 0])).ok ? '' : (decodeMetaplexMetadata(Buffer.from([6, 0, 0])) as { reason: string }).reason, /not a metadata account/);
    assert.deepEqual(tokenInfoFromAccounts(mint, null, null, AT), { info: null, problem: null }, 'no mint account: nothing');
    const wallet = account({ owner: new PublicKey('11111111111111111111111111111111'), data: Buffer.alloc(82), lamports: 1 });
    assert.equal(tokenInfoFromAccounts(mint, wallet, null, AT).info, null, 'not a token-program account');
    const tokenAccount = account({ owner: TOKEN_PROGRAM_ID, data: Buffer.alloc(165, 1), lamports: 1 });
    assert.equal(tokenInfoFromAccounts(mint, tokenAccount, null, AT).info, null, 'a 165-byte token account is not a mint');
    const uninitialized = legacyMint(mint);
    uninitialized.data[45] = 0;
    assert.equal(tokenInfoFromAccounts(mint, uninitialized, null, AT).info, null, 'an uninitialized mint says nothing');
  });

  it('prefers the Token-2022 extension over a Metaplex account, and falls back when the extension is broken', () => {
    const mint = testAddress(904);
    const t22 = account(encodeMint({ tokenMetadata: { name: 'In Mint', symbol: 'INM' } }, mint));
    assert.equal(t22.owner.toBase58(), TOKEN_2022_PROGRAM_ID.toBase58());
    const both = tokenInfoFromAccounts(mint, t22, metaplex(mint, { name: 'In Metaplex', symbol: 'MPX' }), AT);
    assert.deepEqual([both.info!.name, both.info!.symbol, both.problem], ['In Mint', 'INM', null]);
    const broken = account(encodeMint({ tokenMetadata: { name: { bytes: Buffer.from('x'), declaredLength: 9999 }, symbol: 'B' } }, mint));
    const fallback = tokenInfoFromAccounts(mint, broken, metaplex(mint, { name: 'In Metaplex', symbol: 'MPX' }), AT);
    assert.deepEqual([fallback.info!.name, fallback.info!.symbol], ['In Metaplex', 'MPX']);
    assert.match(fallback.problem!, /tokenMetadata/);
    assert.equal(tokenInfoFromAccounts(mint, legacyMint(mint), null, AT).info!.tokenProgram, TOKEN_PROGRAM_ID.toBase58());
  });
});
