import { Migration } from '@mikro-orm/migrations';

export class Migration20261124123000_service_search extends Migration {

  override name = 'Migration20261124123000_service_search';

  override up(): void | Promise<void> {
    // pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it without superuser rights.
    this.addSql(`create extension if not exists pg_trgm;`);
    // service.list's search text: the three searched columns joined by a unit separator (0x1f), so a term
    // without that character matches the text exactly when it matches one of the columns.
    this.addSql(`create index "services_search_trgm" on "services" using gin (lower("name" || E'\\x1f' || "slug" || E'\\x1f' || "description") gin_trgm_ops);`);
  }

  override down(): void | Promise<void> {
    // The extension stays: it may have been there before, and other objects may use it by now.
    this.addSql(`drop index if exists "services_search_trgm";`);
  }

}
