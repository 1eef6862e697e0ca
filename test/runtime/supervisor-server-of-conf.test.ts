import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { serverOfConf } from '../../src/runtime/supervisor/server-of-conf.js';

const dir = mkdtempSync(join(tmpdir(), 'orchgen-server-of-conf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function confWith(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

test('the [supervisorctl] serverurl and credentials come first, as supervisorctl reads them', () => {
  const conf = confWith('ctl.conf', '[unix_http_server]\nfile=/run/a.sock\n\n[supervisorctl]\nserverurl = unix:///run/b.sock ; a comment\nusername=admin\npassword=s3cret\n');
  expect(serverOfConf(conf)).toEqual({ url: 'unix:///run/b.sock', username: 'admin', password: 's3cret' });
});

test('without [supervisorctl]: the unix socket with its credentials, else the inet port on the loopback address', () => {
  expect(serverOfConf(confWith('unix.conf', '[unix_http_server]\nfile=/tmp/s.sock\nusername=u\npassword=p\n[inet_http_server]\nport=*:9002\n'))).toEqual({
    url: 'unix:///tmp/s.sock',
    username: 'u',
    password: 'p',
  });
  expect(serverOfConf(confWith('inet.conf', '[inet_http_server]\nport=*:9002\nusername=w\n'))).toEqual({ url: 'http://127.0.0.1:9002', username: 'w' });
  expect(serverOfConf(confWith('host.conf', '[inet_http_server]\nport=localhost:9003\n'))).toEqual({ url: 'http://localhost:9003' });
});
