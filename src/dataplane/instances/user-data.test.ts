import { test } from 'node:test';
import assert from 'node:assert/strict';
import { userDataCommand } from './user-data.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

test('scripts, shell command lines, and what is not run', () => {
  assert.equal(userDataCommand(undefined), undefined);
  assert.equal(userDataCommand(''), undefined);
  const script = userDataCommand(b64('#!/bin/sh\necho hi\n'));
  assert.equal(script?.kind, 'script');
  assert.equal(script?.kind === 'script' && script.content.toString(), '#!/bin/sh\necho hi\n');
  assert.deepEqual(userDataCommand(b64('echo hi')), { kind: 'shell', command: 'echo hi' });
  assert.equal(userDataCommand(b64('#cloud-config\npackages: [nginx]\n'))?.kind, 'unsupported');
  assert.equal(userDataCommand(Buffer.from([0x1f, 0x8b, 8, 0]).toString('base64'))?.kind, 'unsupported');
});
