import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { spawn, spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newJobOwner } from './job-owner.js';
import {
  declaredBytesOf,
  discardLeftoverSpools,
  readUploadText,
  spoolUpload,
  UploadTooLargeError,
} from './spool.js';

const limit = { maxBytes: 100, name: 'the test limit' };

async function text(chunks: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

describe('spooling an upload to disk', () => {
  let directory: string;
  beforeEach(async () => {
    directory = join(await mkdtemp(join(tmpdir(), 'shuzhi-spool-unit-')), 'spool');
  });
  afterEach(async () => rm(join(directory, '..'), { recursive: true, force: true }));

  it('writes the body to a private file with an unguessable name, reads it back, and discards it', async () => {
    const upload = await spoolUpload(Readable.from([Buffer.from('第一行\n'), Buffer.from('line 2\n')]), {
      directory,
      maxBytes: 100,
      limit,
    });
    const [name] = await readdir(directory);
    expect(name).toMatch(/^shuzhi-import-[0-9a-f]{32}\.part$/);
    expect((await stat(join(directory, name!))).mode & 0o777).toBe(0o600);
    expect((await stat(directory)).mode & 0o777).toBe(0o700);
    expect(upload.bytes).toBe(Buffer.byteLength('第一行\nline 2\n'));
    expect(await text(upload.read())).toBe('第一行\nline 2\n');
    await upload.discard();
    await upload.discard();
    expect(await readdir(directory)).toEqual([]);
  });

  it('refuses a body past the limit, naming it, and leaves no file — nor the body destroyed', async () => {
    const body = new PassThrough();
    const spooling = spoolUpload(body, { directory, maxBytes: 100, limit });
    body.write(Buffer.alloc(60));
    body.write(Buffer.alloc(60));
    const error = await spooling.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadTooLargeError);
    expect((error as UploadTooLargeError).code).toBe('content_too_large');
    expect((error as Error).message).toBe('the file is larger than the test limit, 100 bytes');
    expect(await readdir(directory)).toEqual([]);
    // The request stays usable, so the server can still answer 413 on it.
    expect(body.destroyed).toBe(false);
  });

  it('refuses a declared length past the limit before reading anything', async () => {
    const body = new PassThrough();
    await expect(
      spoolUpload(body, { directory, maxBytes: 100, limit: { ...limit, declaredBytes: 101 } }),
    ).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(body.readableFlowing).toBe(null);
    await expect(readdir(directory)).rejects.toThrow(/ENOENT/);
  });

  it('deletes the partial file when the body breaks off, and says the upload was interrupted', async () => {
    const body = new PassThrough();
    const spooling = spoolUpload(body, { directory, maxBytes: 100, limit });
    body.write('half a line');
    await new Promise((r) => setTimeout(r, 20));
    expect(await readdir(directory)).toHaveLength(1);
    body.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    await expect(spooling).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'the upload ended before the whole file arrived',
    });
    expect(await readdir(directory)).toEqual([]);
  });
});

describe('reading an upload as text', () => {
  it('returns the body as UTF-8 within the limit and refuses one past it', async () => {
    expect(
      await readUploadText(Readable.from([Buffer.from('name,age\n'), Buffer.from('张三,30\n')]), limit),
    ).toBe('name,age\n张三,30\n');
    await expect(readUploadText(Readable.from([Buffer.alloc(101)]), limit)).rejects.toBeInstanceOf(
      UploadTooLargeError,
    );
  });

  it('takes the declared length from Content-Length only when it is a byte count', () => {
    expect(declaredBytesOf('1024')).toEqual({ declaredBytes: 1024 });
    expect(declaredBytesOf(undefined)).toEqual({});
    expect(declaredBytesOf('lots')).toEqual({});
    expect(declaredBytesOf('-1')).toEqual({});
  });
});

describe('uploads left behind by a crash', () => {
  it('are deleted from the spool folder, and nothing else is', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'shuzhi-spool-leftovers-'));
    const directory = join(parent, 'spool');
    try {
      expect(await discardLeftoverSpools(directory)).toBe(0);
      await mkdir(directory);
      const leftover = `shuzhi-import-${'ab'.repeat(16)}.part`;
      await writeFile(join(directory, leftover), 'half a file');
      await writeFile(join(directory, 'shuzhi-import-notes.txt'), 'kept');
      await writeFile(join(directory, `shuzhi-import-${'cd'.repeat(16)}.part.bak`), 'kept');
      expect(await discardLeftoverSpools(directory)).toBe(1);
      expect((await readdir(directory)).sort()).toEqual(
        ['shuzhi-import-notes.txt', `shuzhi-import-${'cd'.repeat(16)}.part.bak`].sort(),
      );
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('at a start, deletes only the uploads of processes that are gone, not those another server receives', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'shuzhi-spool-owners-'));
    const directory = join(parent, 'spool');
    const ownUpload = await spoolUpload(Readable.from([Buffer.from('mine')]), {
      directory,
      maxBytes: 100,
      owner: newJobOwner(),
      limit,
    });
    const [ownFile] = await readdir(directory);
    expect(ownFile).toMatch(new RegExp(`^shuzhi-import-${process.pid}-[0-9a-f]+-[0-9a-f]{32}\\.part$`));
    // A second server beside this one, receiving a file right now.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
    const random = '0f'.repeat(16);
    try {
      await writeFile(join(directory, `shuzhi-import-${other.pid}-0a1b2c-${random}.part`), 'live');
      await writeFile(join(directory, `shuzhi-import-${deadPid}-0a1b2c-${random}.part`), 'dead');
      await writeFile(join(directory, `shuzhi-import-${random}.part`), 'from an older version');
      expect(await discardLeftoverSpools(directory)).toBe(2);
      expect((await readdir(directory)).sort()).toEqual(
        [`shuzhi-import-${other.pid}-0a1b2c-${random}.part`, ownFile].sort(),
      );
    } finally {
      other.kill('SIGKILL');
      await ownUpload.discard();
      await rm(parent, { recursive: true, force: true });
    }
  });
});
