/**
 * The format of the replay fixtures in workflows/histories/: a workflow's history, protobuf
 * encoded, base64 in a JSON envelope. Read by replay.test.ts; written by the workflow tests
 * with KIZO_RECORD_HISTORIES=1. Not part of the workflow bundle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { temporal as proto } from '@temporalio/proto';

export const HISTORY_FIXTURE_ENCODING = 'temporal.api.history.v1.History;protobuf;base64';

export interface HistoryFixture {
  workflowId: string;
  encoding: typeof HISTORY_FIXTURE_ENCODING;
  /** For readers of the diff: how many events the history holds. */
  events: number;
  data: string;
}

export function loadHistoryFixtures(
  folder: URL,
): Array<{ name: string; workflowId: string; history: proto.api.history.v1.History }> {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const fixture = JSON.parse(readFileSync(new URL(name, folder), 'utf8')) as HistoryFixture;
      if (fixture.encoding !== HISTORY_FIXTURE_ENCODING)
        throw new Error(`${name}: unknown encoding ${fixture.encoding}`);
      const history = proto.api.history.v1.History.decode(Buffer.from(fixture.data, 'base64'));
      return { name: name.replace(/\.json$/, ''), workflowId: fixture.workflowId, history };
    });
}
