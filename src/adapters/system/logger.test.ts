import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('createLogger', () => {
  it('censors personal fields and secrets at any logged depth, keeping ids and codes', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        event: 'test',
        name: 'Amina Test',
        user: { id: '29:1', name: 'Amina Test', email: 'amina@example.org', contact: { phone: '+358 40 123 4567' } },
        activity: { text: 'my address is …', value: { lang: 'fi' } },
        headers: { authorization: 'Bearer eyJ…' },
        password: 'secret',
      },
      'hello',
    );
    const line = lines[0]!;
    expect(JSON.stringify(line)).not.toMatch(/Amina|amina@|123 4567|my address|eyJ|secret/);
    expect(line).toMatchObject({ event: 'test', user: { id: '29:1', name: '[redacted]' }, headers: { authorization: '[redacted]' } });
  });
});
