import * as z from 'zod/v4';
import { placeCode } from '../contract/base-inputs';

/** Request schemas of this capability's routes: controllers parse with them, the OpenAPI document is generated from them. */
export const placeParams = z.object({ code: placeCode });
