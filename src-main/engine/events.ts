import type { EventName, EventPayload } from '../../src-shared/contract';
import { Emitter } from './emitter';

/** Engine → UI pushes, typed by the contract's events map. */
export type EngineEventMap = { [N in EventName]: EventPayload<N> };
export type EngineEvents = Emitter<EngineEventMap>;

export const createEngineEvents = (): EngineEvents => new Emitter<EngineEventMap>();
