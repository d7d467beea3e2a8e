import assert from 'node:assert/strict';
import fc from 'fast-check';
import { z } from 'zod';
import { PelotonSchemaError } from '../../../../src/peloton/api/errors';
import {
  averageOutput,
  localStorageEntrySchema,
  meSchema,
  parsePayload,
  pelotonErrorSchema,
  performanceGraphSchema,
  validatePayload,
  workoutSchema,
  workoutsPageSchema,
} from '../../../../src/peloton/api/schemas';
import { tokenResponseSchema } from '../../../../src/peloton/signIn/oauthToken';
import { recordedJson, recordedText } from '../../support/recorded';

describe('schemas against the recorded Peloton shapes', () => {
  it('reads GET /api/me (weissleb user_data) with its FTP fields', () => {
    const me = validatePayload(meSchema, recordedJson('weissleb-user_data.me.json'), 'GET /api/me');
    assert.equal(me.cycling_ftp, 142);
    assert.equal(me.cycling_ftp_source, 'ftp_manual_source');
    assert.equal(me.cycling_ftp_workout_id, null);
    assert.equal(me.estimated_cycling_ftp, 157);
    assert.ok('location' in me, 'unknown extra fields pass through');
  });

  it('reads a workout with ride and ftp_info, and its performance graph (p2g cycling, whole recorded document, with a BOM added)', () => {
    const text = recordedText('p2g-cycling-workout.workout+performance_graph.json');
    const both = parsePayload(z.looseObject({ Workout: workoutSchema, WorkoutSamples: performanceGraphSchema }), `\uFEFF${text}`, 'recorded');
    assert.equal(both.Workout.id, '3bade6602259414a82576302f9339175');
    const doc = recordedJson('p2g-cycling-workout.workout+performance_graph.json');
    const workout = validatePayload(workoutSchema, doc.Workout, 'GET /api/workout/{id}');
    assert.deepEqual(
      { ftp: workout.ftp_info?.ftp, source: workout.ftp_info?.ftp_source, next: workout.ftp_info?.ftp_workout_id },
      { ftp: 154, source: 'ftp_estimated_source', next: null },
    );
    assert.equal(workout.ride?.instructor?.name, "Christine D'Ercole");
    const graph = validatePayload(performanceGraphSchema, doc.WorkoutSamples, 'GET /api/workout/{id}/performance_graph');
    assert.equal(averageOutput(graph), 98);
  });

  it('reads the manual-source workout (SyncMyWorkout01)', () => {
    const doc = recordedJson('p2g-sync-my-workout-01.workout+performance_graph.json');
    const workout = validatePayload(workoutSchema, doc.Workout, 'GET /api/workout/{id}');
    assert.equal(workout.ftp_info?.ftp, 243);
    assert.equal(workout.ftp_info?.ftp_source, 'ftp_manual_source');
    const graph = validatePayload(performanceGraphSchema, doc.WorkoutSamples, 'GET /api/workout/{id}/performance_graph');
    assert.equal(averageOutput(graph), 142);
  });

  it('parses a raw performance graph text with a leading byte-order mark (rower)', () => {
    const text = recordedText('p2g-rower.performance_graph.json');
    assert.equal(text.charCodeAt(0), 0xfeff);
    const graph = parsePayload(performanceGraphSchema, text, 'GET /api/workout/{id}/performance_graph');
    assert.equal(graph.duration, 600);
    assert.ok(Array.isArray(graph.average_summaries));
  });

  it('reads a workouts page (weissleb)', () => {
    const page = validatePayload(workoutsPageSchema, recordedJson('weissleb-user-workouts.page.json'), 'GET /api/user/{id}/workouts');
    assert.deepEqual([page.limit, page.page, page.total, page.count, page.page_count], [25, 15, 420, 25, 17]);
  });
});

describe('schema errors', () => {
  it('names the endpoint and the field path', () => {
    assert.throws(
      () => parsePayload(workoutSchema, JSON.stringify({ id: 'w1', created_at: 1, ftp_info: { ftp: 'high' } }), 'GET /api/workout/w1'),
      (error: unknown) =>
        error instanceof PelotonSchemaError &&
        error.endpoint === 'GET /api/workout/w1' &&
        error.path === 'ftp_info.ftp' &&
        /GET \/api\/workout\/w1: unexpected response at ftp_info\.ftp/.test(error.message),
    );
  });

  it('names array positions in the path', () => {
    assert.throws(
      () => validatePayload(performanceGraphSchema, { average_summaries: [{ slug: 'a', value: 1 }, { slug: 'avg_output', value: 'x' }] }, 'GET g'),
      (error: unknown) => error instanceof PelotonSchemaError && error.path === 'average_summaries[1].value',
    );
  });

  it('says when an HTML page came instead of JSON', () => {
    assert.throws(
      () => parsePayload(meSchema, '<!DOCTYPE html><html><body>Not found</body></html>', 'GET /api/me'),
      /GET \/api\/me: unexpected response: expected JSON, got an HTML page/,
    );
  });

  it('reads the Peloton error body, the token response and the localStorage entry', () => {
    const err = validatePayload(pelotonErrorSchema, { status: 401, error_code: 3020, subcode: null, message: 'Not logged in', details: null }, 'e');
    assert.equal(err.error_code, 3020);
    const token = validatePayload(tokenResponseSchema, { access_token: 'a.b.c', expires_in: 172800, token_type: 'Bearer' }, 't');
    assert.equal(token.refresh_token, undefined);
    const entry = validatePayload(localStorageEntrySchema, { body: { access_token: 'x', client_id: 'c' }, expiresAt: 5 }, 'l');
    assert.equal(entry.expiresAt, 5);
  });
});

describe('schemas: property tests', () => {
  const schemas = [meSchema, workoutSchema, performanceGraphSchema, workoutsPageSchema, tokenResponseSchema, localStorageEntrySchema];
  it('random JSON never throws anything but PelotonSchemaError', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(...schemas), (value, schema) => {
        try {
          validatePayload(schema, value, 'GET /random');
        } catch (error) {
          if (!(error instanceof PelotonSchemaError)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('random text never throws anything but PelotonSchemaError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.constantFrom(...schemas), (text, schema) => {
        try {
          parsePayload(schema, text, 'GET /random');
        } catch (error) {
          if (!(error instanceof PelotonSchemaError)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });
});
