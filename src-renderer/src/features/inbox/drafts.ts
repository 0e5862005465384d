import { rememberedTexts } from '../../lib/remembered';

/**
 * What is typed in each chat's composer survives a reload: kept in local storage per chat, at most
 * 200 chats' worth (the draft written longest ago goes first), and forgotten once sent.
 */
export const DRAFTS_MAX = 200;

export const savedDrafts = rememberedTexts('wren.drafts', DRAFTS_MAX);
