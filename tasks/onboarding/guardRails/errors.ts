import { OnboardingError, type RequestIssue } from '../errors';

/**
 * The request breaks the platform policy (a config bound, a prefix, a reserved principal). Lists every
 * violation with its field and reason in one message, found before anything was changed. Never retriable:
 * the same request against the same cluster fails the same way.
 */
export class PlatformPolicyViolationError extends OnboardingError {
  /** What every message starts with; the issues follow, `; `-separated (no issue message holds `; `). */
  static readonly PREFIX = 'refused by the platform policy: ';

  readonly issues: RequestIssue[];

  constructor(issues: RequestIssue[], options?: { cause?: unknown }) {
    super(
      `${PlatformPolicyViolationError.PREFIX}${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      options,
    );
    this.name = 'PlatformPolicyViolationError';
    this.issues = issues;
  }
}

/** The platform policy itself (a file, `MSK_FLOWS_PLATFORM_POLICY`) is malformed; names every bad field. */
export class PlatformPolicyError extends OnboardingError {
  readonly source: string;
  readonly problems: string[];

  constructor(source: string, problems: string[], options?: { cause?: unknown }) {
    super(`platform policy ${source} is invalid: ${problems.join('; ')}`, options);
    this.name = 'PlatformPolicyError';
    this.source = source;
    this.problems = problems;
  }
}
