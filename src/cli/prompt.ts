import { ExitCode, InterruptedError, OmnixError } from '../core/errors.js';

export interface Question {
  message: string;
  /** Taken when the answer is empty. */
  default?: string;
  /** `true`, or why the answer is refused: the prompt then says so and asks again. */
  validate?: (answer: string) => true | string;
}

/** Asks a person for a line of text. */
export type Ask = (question: Question) => Promise<string>;

/**
 * The terminal's prompt: @inquirer/prompts' `input`, loaded on first use. Ctrl-C at it cancels the
 * command (exit 130) before anything was changed.
 */
export const terminalAsk: Ask = async (question) => {
  let prompts: typeof import('@inquirer/prompts');
  try {
    prompts = await import('@inquirer/prompts');
  } catch (error) {
    throw new OmnixError('MissingDependency', 'the prompt library @inquirer/prompts could not be loaded', {
      hint: 'Run npm install @inquirer/prompts, or answer with flags and --yes.',
      cause: error,
      exitCode: ExitCode.Usage,
    });
  }
  try {
    return await prompts.input({
      message: question.message,
      ...(question.default !== undefined ? { default: question.default } : {}),
      ...(question.validate ? { validate: question.validate } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'ExitPromptError')
      throw new InterruptedError('cancelled at the prompt: nothing was changed', { cause: error });
    throw error;
  }
};
