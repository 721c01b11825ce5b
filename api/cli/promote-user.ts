/**
 * Gives an existing account the admin role: `npm run user:promote -- <email>`
 * (`-- --demote <email>` takes it away). The role is read on every request, so it applies to
 * the user's next call without a new login. The alternative is KIZO_ADMIN_EMAILS.
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
  const updated = await db.user.updateMany({ where: { email }, data: { role: demote ? 'USER' : 'ADMIN' } });
  if (updated.count === 0) {
    console.error(`no account with email ${email}`);
    process.exitCode = 1;
  } else {
    console.log(`${email} is now ${demote ? 'a user' : 'an admin'}`);
  }
} finally {
  await db.$disconnect();
}
