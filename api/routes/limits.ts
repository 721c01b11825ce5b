/**
 * The caller's deposit and withdrawal limits and what is left of them, per currency. The
 * worker enforces them (activities/transfer-admission.ts) from the same policy and usage query.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Config } from '../../common/config';
import { CURRENCIES, type Currency } from '../../common/money';
import type { Database } from '../../prisma/client';
import { LIMIT_WINDOW_HOURS, usedInWindowMinor, type LimitedKind } from '../../transfers/records';
import { policyFromConfig } from '../../transfers/policy';
import { createRouter } from '../router';
import { authProblems, MinorUnits } from '../schemas';

const Limit = z
  .object({
    kind: z.enum(['DEPOSIT', 'WITHDRAWAL']),
    currency: z.string(),
    perMovementMinor: MinorUnits.openapi({ description: 'Largest single movement' }),
    windowHours: z.number().int(),
    windowMinor: MinorUnits.openapi({ description: 'Most over any window of `windowHours`' }),
    usedMinor: MinorUnits.openapi({
      description:
        'Moved in the last `windowHours` (failed, cancelled and compensated movements do not count)',
    }),
    windowRemainingMinor: MinorUnits.openapi({ description: 'What the window has left' }),
    remainingMinor: MinorUnits.openapi({
      description:
        'What a movement may be now: the smaller of the per-movement limit and what the window has left',
    }),
  })
  .openapi('Limit');

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['limits'],
  summary: "The caller's deposit and withdrawal limits and what remains of them",
  security: [{ bearerAuth: [] }],
  responses: {
    200: {
      description: 'One entry per kind and currency',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(Limit),
            reviewThresholdMinor: MinorUnits.openapi({
              description:
                'P2P transfers and withdrawals at or above this amount (minor units, any currency) wait for an admin review',
            }),
          }),
        },
      },
    },
    ...authProblems,
  },
});

export function limitRoutes({ db, config }: { db: Database; config: Config }) {
  const app = createRouter();
  const { limits, reviewThresholdMinor } = policyFromConfig(config);
  app.openapi(list, async (c) => {
    const userId = c.get('user').id;
    const items = [];
    for (const currency of Object.keys(CURRENCIES) as Currency[]) {
      for (const kind of ['DEPOSIT', 'WITHDRAWAL'] as const satisfies LimitedKind[]) {
        const perMovementMinor = BigInt(limits[kind].perMovementMinor);
        const windowMinor = BigInt(limits[kind].dailyMinor);
        const usedMinor = await usedInWindowMinor(db, userId, kind, currency);
        const left = windowMinor > usedMinor ? windowMinor - usedMinor : 0n;
        const remainingMinor = left < perMovementMinor ? left : perMovementMinor;
        items.push({
          kind,
          currency,
          perMovementMinor: String(perMovementMinor),
          windowHours: LIMIT_WINDOW_HOURS,
          windowMinor: String(windowMinor),
          usedMinor: String(usedMinor),
          windowRemainingMinor: String(left),
          remainingMinor: String(remainingMinor),
        });
      }
    }
    return c.json({ items, reviewThresholdMinor }, 200);
  });
  return app;
}
