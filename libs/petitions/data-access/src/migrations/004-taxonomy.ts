import { TAXONOMY } from '@gov/petitions-domain';
import { Migration } from '@mikro-orm/migrations';
import { createHash } from 'node:crypto';

/** A stable id per seeded key, so every environment's version 1 has the same id. */
function seededId(key: string): string {
  const h = createHash('sha256').update(`petitions.category.${key}.v1`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Version 1 of the 19 major and 117 minor categories (libs/petitions/domain/src/taxonomy.ts). */
export class Migration004Taxonomy extends Migration {
  override up(): void {
    for (const major of TAXONOMY)
      for (const m of major.minors)
        this.addSql(
          `insert into category (id, key, major_key, name_zh, major_name_zh, version, default_level, default_department, time_limit_days, anonymous_allowed, current)
           values (${lit(seededId(m.key))}, ${lit(m.key)}, ${lit(major.key)}, ${lit(m.nameZh)}, ${lit(major.nameZh)}, 1, ${lit(m.defaultLevel)},
             ${m.defaultDepartment === null ? 'null' : lit(m.defaultDepartment)}, ${m.timeLimitDays}, ${m.anonymousAllowed}, true)
           on conflict (key, version) do nothing`,
        );
  }
}

function lit(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
