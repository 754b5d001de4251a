/** What other capabilities may use of territories: names by code, and the communes within a place. */
export { territoryNames } from './names';
export { communesWithin, findPlace } from './places';
