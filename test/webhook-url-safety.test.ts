/** Goal: a webhook URL naming an internal host through an IPv6 form of an IPv4 address is refused. */
import { describe, expect, it } from 'vitest';
import { webhookUrlProblem } from '../webhooks/url-safety';

describe('webhook URL safety', () => {
  it.each([
    'https://[::ffff:127.0.0.1]/x',
    'https://[::127.0.0.1]/x',
    'https://[::a9fe:a9fe]/x',
    'https://[64:ff9b::7f00:1]/x',
    'https://[64:ff9b:1::a00:1]/x',
    'https://[2002:7f00:1::]/x',
    'https://[::1]/x',
    'https://[fe80::1]/x',
    'https://127.0.0.1/x',
  ])('%s is an internal address', (url) => {
    expect(webhookUrlProblem(url, false)).toBe('an internal address');
  });

  it('a public IPv6 address and a name pass the registration check', () => {
    expect(webhookUrlProblem('https://[2606:4700::1111]/x', false)).toBeNull();
    expect(webhookUrlProblem('https://hooks.example.com/x', false)).toBeNull();
  });
});
