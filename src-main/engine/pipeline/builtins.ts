import { basicCommands } from './commands/basic';
import { groupCommands } from './commands/group';
import { ownerCommands } from './commands/owner';
import { stickerCommand } from './commands/sticker';
import { CommandRegistry } from './registry';

/** The commands every bot has, in the order the menu lists them. */
export const builtInRegistry = (): CommandRegistry => {
  const registry = new CommandRegistry();
  for (const spec of [...basicCommands, stickerCommand, ...groupCommands, ...ownerCommands]) registry.register(spec);
  return registry;
};
