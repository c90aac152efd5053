import type { EvalCase } from '../types';
import { ES_CONTEXT } from './es-context';
import { ES_DIALOG } from './es-dialog';
import { ES_GRAMMAR } from './es-grammar';
import { ES_HONESTY } from './es-honesty';
import { ES_PARTS } from './es-parts';
import { ES_SECOND_BATCH } from './es-second-batch';
import { ES_TALK } from './es-talk';
import { EN_CASES, FR_CASES, PT_CASES } from './other-languages';
import { OTHER_SECOND_BATCH } from './other-languages-second-batch';
import { THIRD_BATCH } from './third-batch';
import { FOURTH_BATCH } from './fourth-batch';

/** Every case of the evaluation set. */
export const ALL_CASES: EvalCase[] = [
  ...ES_PARTS, ...ES_GRAMMAR, ...ES_CONTEXT, ...ES_HONESTY, ...ES_TALK, ...ES_DIALOG, ...ES_SECOND_BATCH, ...EN_CASES, ...PT_CASES, ...FR_CASES, ...OTHER_SECOND_BATCH, ...THIRD_BATCH, ...FOURTH_BATCH,
];
