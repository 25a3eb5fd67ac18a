/**
 * Applies the deployment's SUBJECT_PREFIX to subjects and stream names. Production leaves it
 * empty; every test run sets its own, so parallel suites never receive each other's messages.
 */
export class Namespace {
  constructor(readonly prefix = '') {}

  subject(subject: string): string {
    return this.prefix ? `${this.prefix}.${subject}` : subject;
  }

  /** Strips the prefix again (for logs and metrics labels). */
  unprefix(subject: string): string {
    return this.prefix && subject.startsWith(this.prefix + '.') ? subject.slice(this.prefix.length + 1) : subject;
  }

  stream(name: string): string {
    return this.prefix ? `${this.prefix.toUpperCase()}_${name}` : name;
  }
}
