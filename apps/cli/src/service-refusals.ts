/**
 * The services' refusals that carry no reason code yet (a source, key or user not found or no access, a
 * conflict, an argument the service checks), named by their code where the CLI calls the service: the command
 * knows which call failed and with which arguments, so it gives the refusal its code and parameters (texts in
 * @shuzhi/core refusal-reasons.ts) by the error's code and the field at fault, never by the English, and the
 * reader gets it in their language. A refusal whose message is its coded reason passes as it is.
 */
import { AppError, refusalIssue, type ErrorCode, type FieldIssue } from '@shuzhi/core';

/** The coded issue of an uncoded refusal, by its error code; undefined leaves the refusal as it is. */
export type RefusalNames = Partial<
  Record<ErrorCode, (refusal: AppError) => FieldIssue | undefined | Promise<FieldIssue | undefined>>
>;

/** Runs a service call, naming its uncoded refusals by `names`. */
export async function namingRefusals<T>(call: () => Promise<T>, names: RefusalNames): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // A refusal whose message is its coded reason is told by its code already.
    if (
      !(error instanceof AppError) ||
      error.issues.some((i) => i.code !== undefined && i.reason === error.message)
    )
      throw error;
    const issue = await names[error.code]?.(error);
    if (issue === undefined) throw error;
    // The message is the coded reason alone, so the CLI tells it by its code (runtime.ts reportError).
    throw new AppError(error.code, issue.reason, { issues: [issue], cause: error });
  }
}

/** The field an uncoded refusal names (its first issue's), to tell apart refusals of one error code. */
export function fieldOf(refusal: AppError): string | undefined {
  return refusal.issues[0]?.field;
}

export const sourceNotFound = (source: string) => refusalIssue('source-not-found', { source });

export const userNotFound = (user: string) => refusalIssue('user-not-found', { user });

/** `sources disable`: no such source, no reason given, or disabled already. */
export function disableRefusals(source: string): RefusalNames {
  return {
    not_found: () => sourceNotFound(source),
    invalid_input: (refusal) =>
      fieldOf(refusal) === 'reason'
        ? refusalIssue('source-disable-reason', {}, { record: source, field: 'reason' })
        : undefined,
    conflict: () => refusalIssue('source-already-disabled', { source }),
  };
}

/** `sources enable`: no such source, or not disabled. */
export function enableRefusals(source: string): RefusalNames {
  return {
    not_found: () => sourceNotFound(source),
    conflict: () => refusalIssue('source-not-disabled', { source }),
  };
}

/**
 * `sources revoke-key` and `rotate-key`: no such source, or no such key of it (`sourceExists` tells which:
 * both are "not found"), or the key revoked already.
 */
export function keyRefusals(source: string, key: string, sourceExists: () => Promise<boolean>): RefusalNames {
  return {
    not_found: async () =>
      (await sourceExists()) ? refusalIssue('api-key-not-found', { key, source }) : sourceNotFound(source),
    conflict: () => refusalIssue('api-key-already-revoked', { key, source }),
  };
}

/** `sources add`: the name or the id taken (the refusal names the field). */
export function addSourceRefusals(source: { name: string; id?: string | undefined }): RefusalNames {
  return {
    conflict: (refusal) => {
      const at = { record: source.name, field: fieldOf(refusal) };
      if (at.field === 'name') return refusalIssue('source-name-taken', { name: source.name }, at);
      if (at.field === 'id' && source.id !== undefined)
        return refusalIssue('source-id-taken', { source: source.id }, at);
      return undefined;
    },
  };
}

/** `users add` and `users set-source`: the account not found, or its name taken. */
export function userRefusals(name: string): RefusalNames {
  return {
    not_found: () => userNotFound(name),
    conflict: (refusal) =>
      fieldOf(refusal) === 'username'
        ? refusalIssue('username-taken', { user: name }, { record: name, field: 'username' })
        : undefined,
  };
}
