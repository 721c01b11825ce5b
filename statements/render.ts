/**
 * A statement as a file: CSV for spreadsheets (csv-stringify) and PDF for people (pdfkit).
 * Amounts in major units with the currency's decimals; the numbers are the statement's, which
 * are the ledger's.
 */
import { stringify } from 'csv-stringify/sync';
import PDFDocument from 'pdfkit';
import { formatMajorUnits } from '../common/money';
import type { Statement } from './statement';

const money = (statement: Statement, minor: string) => formatMajorUnits(BigInt(minor), statement.currency);

/** One row per entry, between an opening and a closing balance row. */
export function statementCsv(statement: Statement): string {
  const rows = [
    ['date', 'description', 'note', 'amount', 'balance', 'currency', 'transfer_id', 'entry_id'],
    [
      statement.from,
      'Opening balance',
      '',
      '',
      money(statement, statement.openingMinor),
      statement.currency,
      '',
      '',
    ],
    ...statement.lines.map((line) => [
      line.createdAt,
      line.description,
      line.note ?? '',
      money(statement, line.amountMinor),
      money(statement, line.balanceAfterMinor),
      statement.currency,
      line.transferId ?? '',
      line.id,
    ]),
    [
      statement.to,
      'Closing balance',
      '',
      '',
      money(statement, statement.closingMinor),
      statement.currency,
      '',
      '',
    ],
  ];
  return stringify(rows);
}

export function statementPdf(
  statement: Statement,
  holder: { handle: string; displayName: string | null },
): Promise<Buffer> {
  const document = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: {
      Title: `Kizo statement ${statement.currency} ${statement.from.slice(0, 10)} to ${statement.to.slice(0, 10)}`,
      Author: 'Kizo',
    },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  document.fontSize(18).text('Kizo wallet statement');
  document.moveDown(0.5).fontSize(10);
  document.text(`${holder.displayName ?? ''} @${holder.handle}`.trim());
  document.text(
    `${statement.currency} wallet, ${statement.from} to ${statement.to} (UTC; the end is not included)`,
  );
  document.moveDown();
  document.text(`Opening balance: ${money(statement, statement.openingMinor)} ${statement.currency}`);
  document.text(
    `Money in: ${money(statement, statement.inMinor)}    Money out: ${money(statement, statement.outMinor)}`,
  );
  document.text(`Closing balance: ${money(statement, statement.closingMinor)} ${statement.currency}`);
  document.moveDown();

  const columns = [48, 170, 380, 470];
  const row = (cells: string[], bold = false) => {
    const y = document.y;
    document.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    cells.forEach((cell, index) =>
      document.text(cell, columns[index]!, y, {
        width: (columns[index + 1] ?? 547) - columns[index]! - 8,
        lineBreak: false,
        ellipsis: true,
      }),
    );
    document.x = columns[0]!;
    document.moveDown(0.4);
    if (document.y > document.page.height - 72) document.addPage();
  };
  row(['Date', 'Description', 'Amount', 'Balance'], true);
  for (const line of statement.lines) {
    const description = line.note ? `${line.description} (${line.note})` : line.description;
    row([
      line.createdAt.slice(0, 19).replace('T', ' '),
      description,
      money(statement, line.amountMinor),
      money(statement, line.balanceAfterMinor),
    ]);
  }
  if (statement.lines.length === 0) row(['', 'No entries in this period', '', '']);
  document.end();
  return done;
}
