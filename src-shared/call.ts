import { z } from 'zod';

/** One contract call: the input the engine parses and the output it promises. */
export const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const botIdSchema = z.string().min(1, 'Choose a bot.').max(64);
