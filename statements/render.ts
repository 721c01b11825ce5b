/**
 * A statement as a file: CSV for spreadsheets (csv-stringify) and PDF for people (pdfkit).
 * Amounts in major units with the currency's decimals; the numbers are the statement's, which
 * are the ledger's.
 */
import { stringify } from 'csv-stringify/sync';
import PDFDocument from 'pdfkit';
import { formatMajorUnits } from '../common/money';
import type { Readable } from 'node:stream';
import type { StatementLine } from './lines';
import type { StatementSummary } from './statement';

const money = (statement: StatementSummary, minor: string) =>
  formatMajorUnits(BigInt(minor), statement.currency);

/**
 * Free text a spreadsheet would run as a formula (OWASP's CSV injection: = + - @ tab CR) gets a
 * leading quote. Only the text columns: csv-stringify's `escape_formulas` would also turn every
 * negative amount into text.
 */
export const inertCsvText = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** One row per entry, between an opening and a closing balance row, a page of rows at a time. */
export async function* statementCsv(
  statement: StatementSummary,
  pages: AsyncIterable<StatementLine[]>,
): AsyncGenerator<string> {
  yield stringify([
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
  ]);
  for await (const lines of pages) {
    yield stringify(
      lines.map((line) => [
        line.createdAt,
        inertCsvText(line.description),
        inertCsvText(line.note ?? ''),
        money(statement, line.amountMinor),
        money(statement, line.balanceAfterMinor),
        statement.currency,
        line.transferId ?? '',
        line.id,
      ]),
    );
  }
  yield stringify([
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
  ]);
}

/** The statement as a PDF, written while its pages of lines are read. */
export function statementPdf(
  statement: StatementSummary,
  pages: AsyncIterable<StatementLine[]>,
  holder: { handle: string; displayName: string | null },
): Readable {
  const document = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: {
      Title: `Kizo statement ${statement.currency} ${statement.from.slice(0, 10)} to ${statement.to.slice(0, 10)}`,
      Author: 'Kizo',
    },
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
  void (async () => {
    try {
      for await (const lines of pages) {
        for (const line of lines) {
          const description = line.note ? `${line.description} (${line.note})` : line.description;
          row([
            line.createdAt.slice(0, 19).replace('T', ' '),
            description,
            money(statement, line.amountMinor),
            money(statement, line.balanceAfterMinor),
          ]);
        }
      }
      if (statement.lineCount === 0) row(['', 'No entries in this period', '', '']);
      document.end();
    } catch (error) {
      // A download cut short, never a statement that looks complete.
      document.destroy(error as Error);
    }
  })();
  return document;
}
