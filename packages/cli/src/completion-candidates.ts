import type { Command, Option } from "commander";

export interface Candidate {
  readonly name: string;
  readonly description: string;
}

/** What the shell should offer: these words, or its own file names. */
export type Candidates = { readonly words: readonly Candidate[] } | { readonly files: true };

/**
 * The completions of `current` after `words` (the words between the program name and the
 * cursor), read from commander's own command tree, so they never drift from the commands:
 * subcommands, then options (on `-`), choices of an option's value, and files otherwise.
 */
export function completionCandidates(
  program: Command,
  words: readonly string[],
  current: string,
): Candidates {
  let command = program;
  let pending: Option | undefined;
  for (const word of words) {
    if (pending) {
      pending = undefined;
    } else if (word.startsWith("-")) {
      const option = findOption(command, word);
      if (option && !word.includes("=") && (option.required || option.optional)) pending = option;
    } else {
      command =
        command.commands.find((sub) => sub.name() === word || sub.aliases().includes(word)) ?? command;
    }
  }
  if (pending) return valuesOf(pending, "");
  const assignment = /^(--[\w-]+)=/.exec(current);
  const assigned = assignment && findOption(command, assignment[1]);
  if (assigned) return valuesOf(assigned, assignment[0]);
  const help = command.createHelp();
  if (current.startsWith("-"))
    return {
      words: [...help.visibleOptions(command), ...help.visibleGlobalOptions(command)]
        .filter((option) => option.long !== undefined)
        .map((option) => ({ name: option.long!, description: option.description })),
    };
  const subcommands = help.visibleCommands(command);
  if (subcommands.length > 0)
    return { words: subcommands.map((sub) => ({ name: sub.name(), description: sub.description() })) };
  const choices = command.registeredArguments.flatMap((argument) => argument.argChoices ?? []);
  return choices.length > 0 ? { words: choices.map((name) => ({ name, description: "" })) } : { files: true };
}

/** The option `word` names on `command` or an ancestor (the program's options are global). */
function findOption(command: Command, word: string): Option | undefined {
  const flag = word.split("=")[0];
  for (let at: Command | null = command; at; at = at.parent)
    for (const option of at.options) if (option.long === flag || option.short === flag) return option;
  return undefined;
}

function valuesOf(option: Option, prefix: string): Candidates {
  return option.argChoices
    ? { words: option.argChoices.map((choice) => ({ name: `${prefix}${choice}`, description: "" })) }
    : { files: true };
}
