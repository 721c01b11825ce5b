/**
 * Gives an existing account the admin role: `npm run user:promote -- <email>`
 * (`-- --demote <email>` takes it away). The role is read on every request, so it applies to
 * the user's next call without a new login. The alternative is KIZO_ADMIN_EMAILS. Only an
 * account whose email is verified is promoted: whoever signed up first with the address of the
 * person the operator means may not be them (docs/security.md). Demoting needs no such proof.
 */
import { config } from '../../common/config';
import { createDatabase } from '../../prisma/client';

const args = process.argv.slice(2);
const demote = args.includes('--demote');
const email = args
  .find((arg) => !arg.startsWith('--'))
  ?.trim()
  .toLowerCase();
if (!email) {
  console.error('usage: npm run user:promote -- [--demote] <email>');
  process.exit(2);
}
const settings = config();
if (!settings.DATABASE_URL) {
  console.error('DATABASE_URL is not set');
  process.exit(2);
}
const db = createDatabase(settings.DATABASE_URL);
try {
  const account = await db.user.findUnique({ where: { email }, select: { emailVerifiedAt: true } });
  const updated =
    account && (demote || account.emailVerifiedAt)
      ? await db.user.updateMany({ where: { email }, data: { role: demote ? 'USER' : 'ADMIN' } })
      : { count: 0 };
  if (!account) {
    console.error(`no account with email ${email}`);
    process.exitCode = 1;
  } else if (updated.count === 0) {
    console.error(
      `${email} has not verified its email: its owner must follow the link mailed to it first (or ask for a new one)`,
    );
    process.exitCode = 1;
  } else {
    console.log(`${email} is now ${demote ? 'a user' : 'an admin'}`);
  }
} finally {
  await db.$disconnect();
}
