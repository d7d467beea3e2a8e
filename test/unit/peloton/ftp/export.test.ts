import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { EXPORT_COLUMNS, csvField, exportFormatOf, historyToCsv, historyToExport, historyToJson } from '../../../../src/peloton/ftp/export';
import { localDate } from '../../../../src/shared/dates';
import type { FtpTest } from '../../../../src/peloton/ftp/model';
import { everydayHistory, ftpTest, noon } from '../../support/everydayHistory';

const schemaPath = path.resolve(__dirname, '../../../../schemas/ftp-history-export.schema.json');
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

/** A validator for the export's JSON Schema (draft 2020-12, strict, with the `date` / `date-time` formats). */
function validator() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
}

/** CSV text back to records by a real RFC 4180 parser (strict column count, CRLF). */
function parseCsv(text: string): string[][] {
  return parse(text, { relax_column_count: false, record_delimiter: '\r\n', bom: false }) as string[][];
}

const EXPORTED_AT = new Date('2026-04-08T09:30:00.000Z');

describe('FTP history export', () => {
  it('CSV: the header, then one row per test newest first, empty cells for unknown values', () => {
    const history = everydayHistory();
    const shuffled = { ...history, tests: [history.tests[2]!, history.tests[0]!, history.tests[3]!, history.tests[1]!] };
    const records = parseCsv(historyToCsv(shuffled));
    assert.deepEqual(records[0], [...EXPORT_COLUMNS]);
    assert.deepEqual(records.slice(1), [
      [localDate(noon('2026-01-14')), '176', '183', 'test', '-7', 'applied', '185', 'w4', '20 min FTP Test Ride'],
      [localDate(noon('2025-06-02')), '162', '183', 'test', '-21', 'not-applied', '170', 'w3', 'FTP Test, "Hills", part 1\nwith a line break'],
      [localDate(noon('2024-03-10')), '183', '143', 'manual', '40', 'applied', '193', 'w1', '20 min FTP Test Ride'],
      [localDate(noon('2023-01-05')), '', '', 'none', '', '', '', 'w0', ''],
    ]);
  });

  it('CSV follows RFC 4180: CRLF after every record, quotes doubled inside quoted fields', () => {
    const text = historyToCsv(everydayHistory());
    assert.equal(text.split('\r\n').length, 6, 'five records, each ended by CRLF');
    assert.ok(text.endsWith('\r\n'));
    assert.ok(text.includes('"FTP Test, ""Hills"", part 1\nwith a line break"'));
    assert.equal(csvField(null), '');
    assert.equal(csvField(12), '12');
    assert.equal(csvField(' padded'), '" padded"');
  });

  it('any ride title survives the CSV round trip through csv-parse', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { minLength: 1, maxLength: 6 }), (titles) => {
        const tests: FtpTest[] = titles.map((title, i) => ftpTest({ workoutId: `w${i}`, takenAt: noon('2026-01-14') - i * 86_400, rideTitle: title, avgOutput: 200 + i, calculatedFtp: 190 + i }));
        const records = parseCsv(historyToCsv({ ...everydayHistory(), tests }));
        assert.deepEqual(records.slice(1).map((r) => r[8]), titles);
        assert.deepEqual(records.slice(1).map((r) => r[1]), titles.map((_, i) => String(190 + i)));
      }),
      { numRuns: 60 },
    );
  });

  it('JSON: schemaVersion 1, exportedAt, rider, current FTP by source, and the CSV rows as objects', () => {
    const history = everydayHistory();
    const json = JSON.parse(historyToJson(history, EXPORTED_AT)) as ReturnType<typeof historyToExport>;
    assert.equal(json.schemaVersion, 1);
    assert.equal(json.exportedAt, '2026-04-08T09:30:00.000Z');
    assert.deepEqual(json.rider, { username: 'everyday_rider' });
    assert.deepEqual(json.currentFtp, { ftp_w: 176, source: 'test', entered_w: null, workout_id: 'w4' });
    // Every JSON test equals its CSV row, with null for an empty cell.
    const rows = parseCsv(historyToCsv(history)).slice(1);
    assert.deepEqual(
      json.tests.map((t) => EXPORT_COLUMNS.map((c) => (t[c] === null ? '' : String(t[c])))),
      rows,
    );
    assert.deepEqual(Object.keys(json.tests[0]!), [...EXPORT_COLUMNS]);
  });

  it('JSON validates against schemas/ftp-history-export.schema.json, for manual, estimated and missing FTPs too', () => {
    const validate = validator();
    const base = everydayHistory();
    const riders = [
      base.rider,
      { ...base.rider, currentFtp: 200, currentFtpSource: 'ftp_manual_source', currentFtpWorkoutId: null },
      { ...base.rider, currentFtp: 181, currentFtpSource: 'ftp_estimated_source', currentFtpWorkoutId: null },
      { ...base.rider, currentFtp: null, currentFtpSource: null, currentFtpWorkoutId: null },
    ];
    for (const rider of riders) {
      const data = JSON.parse(historyToJson({ ...base, rider }, EXPORTED_AT)) as unknown;
      assert.ok(validate(data), JSON.stringify(validate.errors));
    }
    assert.deepEqual(historyToExport({ ...base, rider: riders[1]! }).currentFtp, { ftp_w: 190, source: 'manual', entered_w: 200, workout_id: null });
  });

  it('the schema refuses what the format does not allow (so the check above can fail)', () => {
    const validate = validator();
    const good = historyToExport(everydayHistory(), EXPORTED_AT);
    const bad: unknown[] = [
      { ...good, schemaVersion: 2 },
      { ...good, accessToken: 'eyJ.secret' },
      { ...good, exportedAt: 'yesterday' },
      { ...good, tests: [{ ...good.tests[0], result_w: '176' }] },
      { ...good, tests: [{ ...good.tests[0], date: '14/01/2026' }] },
      { ...good, tests: [{ ...good.tests[0], applied: 'maybe' }] },
      { ...good, tests: [{ ...good.tests[0], extra: 1 }] },
    ];
    for (const data of bad) assert.equal(validate(data), false, JSON.stringify(data).slice(0, 120));
  });

  it('an empty history is a header-only CSV and a JSON with no tests', () => {
    const empty = { ...everydayHistory(), tests: [] };
    assert.equal(historyToCsv(empty), `${EXPORT_COLUMNS.join(',')}\r\n`);
    assert.deepEqual(historyToExport(empty, EXPORTED_AT).tests, []);
  });

  it('the format follows the file name', () => {
    assert.equal(exportFormatOf('/tmp/ftp.json'), 'json');
    assert.equal(exportFormatOf('C:\\Users\\me\\FTP.JSON'), 'json');
    assert.equal(exportFormatOf('/tmp/ftp.csv'), 'csv');
    assert.equal(exportFormatOf('/tmp/ftp'), 'csv');
  });
});
