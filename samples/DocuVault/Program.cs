using System.Net;
using System.Text.Json;
using DocuVault;
using DocuVault.Data;
using DocuVault.Models;
using Schemata;

// `dotnet run -- schema script | plan | apply | status | drop --confirm` (DATABASE_MIGRATE_URL, else DATABASE_URL).
if (SchemaCommands.Handles(args)) return await SchemaCommands.RunAsync(args, Schema.Model);

// Two URLs, two roles: DATABASE_MIGRATE_URL (docuvault_migrate, DDL) and DATABASE_URL (docuvault_app, DML). With
// DATABASE_URL unset, a throwaway PostgreSQL is started and both roles are created on it for this run.
await using var server = Environment.GetEnvironmentVariable("DATABASE_URL") is { Length: > 0 } ? null : await TestPostgres.StartAsync();
await using var throwaway = server is null ? null : await server.CreateDatabaseAsync();
var (migrateUrl, appUrl) = throwaway is null ? (null, null) : await Roles.SetUpAsync(throwaway.ConnectionString);

await using var migrateDatabase = migrateUrl is null ? SchemaDatabase.FromMigrateEnvironment() : SchemaDatabase.Create(migrateUrl);
await using var database = appUrl is null ? SchemaDatabase.FromEnvironment() : SchemaDatabase.Create(appUrl);
Console.WriteLine($"PostgreSQL: {database.DisplayName}{(server is null ? string.Empty : $" (throwaway, {server.Source})")}");

Console.WriteLine($"Apply as {Roles.Migrate}: {await Schema.ApplyAsync(migrateDatabase)}");
Console.WriteLine();

await using (var session = await database.BeginAsync())
{
    Console.WriteLine($"The app's sessions run as {await session.ScalarAsync<string>($"SELECT current_user")}");

    var ada = await session.Users().InsertAsync(new User { Handle = "ada", Email = "ada@example.com", PasswordHash = "argon2id$…" });
    await session.Quotas().InsertAsync(new Quota { UserId = ada.Id });
    var quota = (await session.Quotas().GetAsync(ada.Id))!;
    Console.WriteLine($"User {ada.Handle} ({ada.Id}), quota {quota.LimitBytes / 1024 / 1024} MB");

    // folders → parent folder.
    var root = await session.Folders().InsertAsync(new Folder { UserId = ada.Id, Name = "Taxes" });
    var year = await session.Folders().InsertAsync(new Folder { UserId = ada.Id, ParentId = root.Id, Name = "2026" });
    Console.WriteLine($"Folder {root.Name}/{year.Name}: parent_id {year.ParentId}");

    // documents.user_id is nullable: a document can exist before accounts do.
    var receipt = await session.Documents().InsertAsync(new Document { UserId = ada.Id, FolderId = year.Id, Filename = "receipt.pdf", ObjectKey = Guid.NewGuid(), ContentType = "application/pdf", SizeBytes = 48_213 });
    var orphan = await session.Documents().InsertAsync(new Document { Filename = "scan.png", ObjectKey = Guid.NewGuid(), ContentType = "image/png", SizeBytes = 1_024 });
    Console.WriteLine($"Documents: {receipt.Filename} owned by {receipt.UserId}, {orphan.Filename} owned by {(orphan.UserId is null ? "nobody (user_id NULL)" : orphan.UserId)}");

    // document_topics: the key is (document_id, topic_id).
    var tax = await session.Topics().InsertAsync(new Topic { UserId = ada.Id, Name = "tax" });
    await session.DocumentTopics().InsertAsync(new DocumentTopic { DocumentId = receipt.Id, TopicId = tax.Id });
    Console.WriteLine($"document_topics ({receipt.Id}, {tax.Id}) exists: {await session.DocumentTopics().ExistsAsync(receipt.Id, tax.Id)}");

    var bob = await session.Users().InsertAsync(new User { Handle = "bob", Email = "bob@example.com", PasswordHash = "argon2id$…" });
    await session.Shares().InsertAsync(new Share { DocumentId = receipt.Id, RecipientId = bob.Id });
    await session.CloudConnections().InsertAsync(new CloudConnection { UserId = ada.Id, Provider = "dropbox", CredentialsEnc = [0x01, 0x02, 0x03] });

    // audit_log: integer identity (the app role uses its sequence), inet and jsonb metadata.
    var entry = await session.AuditLogs().InsertAsync(new AuditLog
    {
        UserId = ada.Id,
        Action = "document.upload",
        IpAddress = IPAddress.Parse("203.0.113.7"),
        Metadata = JsonDocument.Parse("""{"document": "receipt.pdf", "bytes": 48213}"""),
    });
    Console.WriteLine($"audit_log #{entry.Id}: {entry.Action} from {entry.IpAddress}, metadata {entry.Metadata!.RootElement.GetRawText()}");
    await session.CommitAsync();
}

// A named unique constraint, reported by name (a unit of work translates PostgreSQL's error).
try
{
    await database.RunAsync(async (session, cancellationToken) =>
    {
        var receipt = (await session.Documents().ListAsync(cancellationToken: cancellationToken)).First(d => d.UserId is not null);
        var bob = (await session.Users().ListAsync(cancellationToken: cancellationToken)).Single(u => u.Handle == "bob");
        await session.Shares().InsertAsync(new Share { DocumentId = receipt.Id, RecipientId = bob.Id }, cancellationToken);
    });
}
catch (SchemaConstraintException conflict)
{
    Console.WriteLine($"Sharing twice: {conflict.Kind} violation of {conflict.ConstraintName} ({string.Join(", ", conflict.Columns)})");
}

// What the app role may do: rows on every table and the sequence, but no DDL.
Console.WriteLine();
await using (var session = await database.BeginAsync())
{
    var tables = new[] { "users", "quotas", "refresh_tokens", "folders", "documents", "topics", "document_topics", "shares", "audit_log", "cloud_connections", "groups" };
    foreach (var table in tables)
    {
        var privileges = await session.ScalarAsync<string>(
            $"""
            SELECT concat_ws(', ',
              CASE WHEN has_table_privilege(current_user, {table}, 'SELECT') THEN 'SELECT' END,
              CASE WHEN has_table_privilege(current_user, {table}, 'INSERT') THEN 'INSERT' END,
              CASE WHEN has_table_privilege(current_user, {table}, 'UPDATE') THEN 'UPDATE' END,
              CASE WHEN has_table_privilege(current_user, {table}, 'DELETE') THEN 'DELETE' END)
            """);
        Console.WriteLine($"  {Roles.App} on {table}: {privileges}");
    }

    var sequence = await session.ScalarAsync<bool>($"SELECT has_sequence_privilege(current_user, pg_get_serial_sequence('audit_log', 'id'), 'USAGE')");
    Console.WriteLine($"  {Roles.App} may use audit_log's sequence: {sequence}");
    var defaults = await session.ScalarAsync<long>($"SELECT count(*) FROM pg_default_acl WHERE array_to_string(defaclacl, ',') LIKE {"%" + Roles.App + "=%"}");
    Console.WriteLine($"  default privileges for later tables and sequences: {defaults} entr{(defaults == 1 ? "y" : "ies")}");
    try
    {
        await session.ExecuteAsync($"CREATE TABLE sneaky (id int)");
    }
    catch (Npgsql.PostgresException denied)
    {
        Console.WriteLine($"  {Roles.App} tries CREATE TABLE: {denied.MessageText}");
    }
}

return 0;
