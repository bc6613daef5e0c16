using System.Net;
using System.Text.Json;
using DocuVault;
using DocuVault.Models;
using Npgsql;
using Xunit;
using DocuVaultSchema = DocuVault.Data.Schema;

namespace Schemata.Samples.Tests;

/// <summary>
/// Spec 003 (DocuVault) on one database: the roles are created first (the schema never creates roles), the schema is
/// applied as docuvault_migrate, and the app's checks run as docuvault_app. Connections take a role with
/// <c>-c role=…</c> on the superuser's login, so no password is set or needed here.
/// </summary>
public sealed class DocuVaultTests : IClassFixture<DocuVaultTests.Fixture>
{
    private static readonly string[] Tables =
        ["audit_log", "cloud_connections", "document_topics", "documents", "folders", "groups", "quotas", "refresh_tokens", "shares", "topics", "users"];

    private readonly Fixture _fixture;

    public DocuVaultTests(Fixture fixture) => _fixture = fixture;

    private SampleDatabase Db => _fixture.Db;

    [Fact]
    public async Task TheElevenTablesExistWithTheSpecNames_OwnedByTheMigrateRole()
    {
        var tables = await Db.ColumnAsync("SELECT tablename || ' ' || tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_history' ORDER BY tablename");
        Assert.Equal(Tables.Select(t => t + " " + Roles.Migrate), tables);
    }

    [Fact]
    public async Task UuidInetJsonbAndAnIntegerIdentityKey()
    {
        var columns = await Db.ColumnAsync("""
            SELECT table_name || '.' || column_name || ' ' || data_type || coalesce(' identity ' || identity_generation, '')
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> 'schema_history' AND (column_name = 'id' OR data_type IN ('inet', 'jsonb'))
            ORDER BY table_name, column_name
            """);
        Assert.Equal(
            [
                "audit_log.id integer identity BY DEFAULT",
                "audit_log.ip_address inet",
                "audit_log.metadata jsonb",
                "cloud_connections.id uuid",
                "documents.id uuid",
                "folders.id uuid",
                "groups.id uuid",
                "refresh_tokens.id uuid",
                "shares.id uuid",
                "topics.id uuid",
                "users.id uuid",
            ],
            columns);
        Assert.Equal("PRIMARY KEY (id)", await Db.ScalarAsync<string>("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'audit_log'::regclass AND contype = 'p'"));
    }

    [Fact]
    public async Task DocumentsUserIdIsNullable()
    {
        Assert.Equal("YES", await Db.ScalarAsync<string>("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'documents' AND column_name = 'user_id'"));
        await using var session = await _fixture.App.BeginAsync();
        var document = await session.Documents().InsertAsync(new Document { Filename = "scan.png", ObjectKey = Guid.NewGuid(), ContentType = "image/png" });
        Assert.Null((await session.Documents().GetAsync(document.Id))!.UserId);
    }

    [Fact]
    public async Task FoldersReferenceTheirParent_DocumentTopicsHasATwoColumnKey_UniqueConstraintsAreNamed()
    {
        var constraints = await Db.ColumnAsync("""
            SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace
              AND (contype = 'u' OR (contype = 'p' AND conrelid = 'document_topics'::regclass) OR (contype = 'f' AND conrelid = confrelid))
            ORDER BY 1
            """);
        Assert.Equal(
            [
                "document_topics pk_document_topics PRIMARY KEY (document_id, topic_id)",
                "folders fk_folders_parent_id FOREIGN KEY (parent_id) REFERENCES folders(id) ON DELETE CASCADE",
                "folders uq_folders_user_parent_name UNIQUE (user_id, parent_id, name)",
                "refresh_tokens uq_refresh_tokens_token_hash UNIQUE (token_hash)",
                "shares uq_shares_document_recipient UNIQUE (document_id, recipient_id)",
                "topics uq_topics_user_name UNIQUE (user_id, name)",
                "users uq_users_email UNIQUE (email)",
                "users uq_users_handle UNIQUE (handle)",
            ],
            constraints);
    }

    [Fact]
    public async Task TheAppRoleHasDmlOnEveryTableAndTheSequence_AndDefaultPrivileges_ButNoDdl()
    {
        foreach (var table in Tables)
        {
            Assert.True(
                await Db.ScalarAsync<bool>($"SELECT has_table_privilege('{Roles.App}', 'public.{table}', 'SELECT, INSERT, UPDATE, DELETE')"),
                $"{Roles.App} lacks DML on {table}");
            Assert.False(await Db.ScalarAsync<bool>($"SELECT has_table_privilege('{Roles.App}', 'public.{table}', 'TRUNCATE, REFERENCES, TRIGGER')"));
        }

        Assert.True(await Db.ScalarAsync<bool>($"SELECT has_sequence_privilege('{Roles.App}', pg_get_serial_sequence('audit_log', 'id'), 'USAGE, SELECT')"));
        Assert.False(await Db.ScalarAsync<bool>($"SELECT has_schema_privilege('{Roles.App}', 'public', 'CREATE')"));
        var defaults = await Db.ColumnAsync($"""
            SELECT pg_get_userbyid(defaclrole) || ' ' || defaclobjtype::text || ' ' || array_to_string(defaclacl, ',')
            FROM pg_default_acl WHERE array_to_string(defaclacl, ',') LIKE '%{Roles.App}=%' ORDER BY defaclobjtype
            """);
        Assert.Equal(2, defaults.Count);
        Assert.StartsWith($"{Roles.Migrate} S {Roles.App}=rU/", defaults[0], StringComparison.Ordinal);   // sequences: SELECT, USAGE
        Assert.StartsWith($"{Roles.Migrate} r {Roles.App}=arwd/", defaults[1], StringComparison.Ordinal); // tables: INSERT, SELECT, UPDATE, DELETE

        // The default privileges reach a table the migrate role creates later (rolled back: the class shares the database).
        await using (var migrate = await _fixture.Migrate.BeginAsync())
        {
            await migrate.ExecuteAsync($"CREATE TABLE later_table (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY)");
            Assert.True(await migrate.ScalarAsync<bool>($"SELECT has_table_privilege({Roles.App}, 'public.later_table', 'SELECT, INSERT, UPDATE, DELETE')"));
            Assert.True(await migrate.ScalarAsync<bool>($"SELECT has_sequence_privilege({Roles.App}, pg_get_serial_sequence('later_table', 'id'), 'USAGE')"));
        }

        // As the app: rows yes (the identity's sequence included), DDL no.
        await using var session = await _fixture.App.BeginAsync();
        Assert.Equal(Roles.App, await session.ScalarAsync<string>($"SELECT current_user"));
        var entry = await session.AuditLogs().InsertAsync(new AuditLog { Action = "login", IpAddress = IPAddress.Parse("2001:db8::1"), Metadata = JsonDocument.Parse("""{"agent": "test"}""") });
        Assert.True(entry.Id > 0);
        var read = (await session.AuditLogs().GetAsync(entry.Id))!;
        Assert.Equal(IPAddress.Parse("2001:db8::1"), read.IpAddress);
        Assert.Equal("test", read.Metadata!.RootElement.GetProperty("agent").GetString());
        var denied = await Assert.ThrowsAsync<PostgresException>(async () => await session.ExecuteAsync($"CREATE TABLE sneaky (id int)"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
    }

    [Fact]
    public async Task ANamedUniqueConstraintIsReportedByName()
    {
        var error = await Assert.ThrowsAsync<SchemaConstraintException>(async () => await _fixture.App.RunAsync(async (session, token) =>
        {
            var owner = await session.Users().InsertAsync(new User { Handle = "owner", Email = "owner@example.com", PasswordHash = "x" }, token);
            var recipient = await session.Users().InsertAsync(new User { Handle = "recipient", Email = "recipient@example.com", PasswordHash = "x" }, token);
            var document = await session.Documents().InsertAsync(new Document { UserId = owner.Id, Filename = "a.pdf", ObjectKey = Guid.NewGuid(), ContentType = "application/pdf" }, token);
            await session.Shares().InsertAsync(new Share { DocumentId = document.Id, RecipientId = recipient.Id }, token);
            await session.Shares().InsertAsync(new Share { DocumentId = document.Id, RecipientId = recipient.Id }, token);
        }));
        Assert.True(error.IsConflict);
        Assert.Equal("uq_shares_document_recipient", error.ConstraintName);
    }

    /// <summary>Roles, then the schema applied as the migrate role; one database for the class.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public SampleDatabase Db { get; private set; } = null!;

        public SchemaDatabase Migrate { get; private set; } = null!;

        public SchemaDatabase App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Db = await SampleDatabase.CreateAsync(DocuVaultSchema.Model, apply: false);
            await Roles.CreateAsync(Db.ConnectionString);
            Migrate = SchemaDatabase.Create(new NpgsqlConnectionStringBuilder(Db.ConnectionString) { Options = $"-c role={Roles.Migrate}" }.ConnectionString);
            App = SchemaDatabase.Create(new NpgsqlConnectionStringBuilder(Db.ConnectionString) { Options = $"-c role={Roles.App}" }.ConnectionString);
            await DocuVaultSchema.ApplyAsync(Migrate);
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Migrate.DisposeAsync();
            await Db.DisposeAsync();
        }
    }
}
