/**
 * Goal: the pause between bank bursts grows but stays capped, so a recovered bank sees every
 * waiting transfer again within the cap: with the default configuration, under 60 s. Pure.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../common/config';
import { OUTAGE_PAUSE_MAX_MS_DEFAULT, outagePauseMs } from './bank-call';
import { bankSettingsFromConfig } from '../transfers/policy';

const settings = bankSettingsFromConfig(parseConfig({}));

describe('outage pauses', () => {
  it('double from the first pause and stop at the cap', () => {
    const noJitter = () => 0;
    const pauses = Array.from({ length: 12 }, (_, burst) => outagePauseMs(settings, burst, noJitter));
    expect(pauses.slice(0, 4)).toEqual([5_000, 10_000, 20_000, 30_000]);
    expect(new Set(pauses.slice(3))).toEqual(new Set([30_000]));
  });

  it('jitter only shortens a pause, by at most a fifth, and never below 1 ms', () => {
    for (let burst = 0; burst < 40; burst += 1) {
      const shortest = outagePauseMs(settings, burst, () => 0.999_999);
      const longest = outagePauseMs(settings, burst, () => 0);
      expect(shortest).toBeGreaterThanOrEqual(Math.floor(longest * 0.8));
      expect(shortest).toBeLessThanOrEqual(longest);
    }
    expect(outagePauseMs({ ...settings, outagePauseMs: 1 }, 0, () => 0.999)).toBe(1);
  });

  it('keeps every default pause under a minute, so recovery is noticed within 60 s', () => {
    expect(settings.outagePauseMaxMs).toBeLessThan(60_000);
    expect(
      Math.max(...Array.from({ length: 1_000 }, (_, burst) => outagePauseMs(settings, burst, Math.random))),
    ).toBeLessThanOrEqual(settings.outagePauseMaxMs!);
  });

  it('caps inputs recorded before the cap existed at the default', () => {
    const { outagePauseMaxMs: _omitted, ...older } = { ...settings, outagePauseMs: 300_000 };
    expect(outagePauseMs(older, 0, () => 0)).toBe(OUTAGE_PAUSE_MAX_MS_DEFAULT);
  });
});
