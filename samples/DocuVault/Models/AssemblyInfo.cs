using Schemata;

// The generated Schema class goes into DocuVault.Data, so several samples can be referenced side by side.
[assembly: SchemaNamespace("DocuVault.Data")]

// Two roles: docuvault_migrate owns the schema and applies it (DATABASE_MIGRATE_URL); docuvault_app only reads and
// writes rows (DATABASE_URL). This grants SELECT, INSERT, UPDATE, DELETE on every table, USAGE and SELECT on every
// sequence (audit_log's identity), and the same as default privileges for whatever later applies create.
[assembly: Grant("docuvault_app")]
