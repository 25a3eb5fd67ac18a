import { Migration } from '@mikro-orm/migrations';

/** Unqualified SQL: the migrator sets search_path to the service's schema. */
export class Migration004GrantsUniqueAuditTruncate extends Migration {
  override up(): void {
    // One active grant of a role on a region per account: two admins granting at once cannot both win.
    this.addSql(`create unique index role_grant_active_unique on role_grant (account_id, role, region) where revoked_at is null`);
    // TRUNCATE skips row triggers, so the append-only rule needs a statement trigger as well.
    this.addSql(`create trigger audit_entry_no_truncate before truncate on audit_entry
      for each statement execute function audit_entry_append_only()`);
  }
}
